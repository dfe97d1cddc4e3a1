import type { EscalationStep } from '@switchboard/contracts';
import type { SelectablePolicy } from '@switchboard/domain';

/**
 * A row of sla_policies as pg returns it. The admin screens and the clocks read the same table;
 * one type keeps both in step when a column is added.
 */
export interface SlaPolicyRow {
  id: string;
  name: string;
  sort_order: number;
  conditions: SelectablePolicy['conditions'];
  calendar_id: string | null;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  at_risk_share: number | null;
  pause_on_hold: boolean;
  restart_on_customer_after_solve: boolean;
  customer_after_solve_grace_seconds: number;
  escalations: EscalationStep[];
  active: boolean;
}
