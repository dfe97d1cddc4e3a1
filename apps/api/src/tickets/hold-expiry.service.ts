import { Injectable } from '@nestjs/common';
import { SlaClockService, statusChange } from '../sla/sla-clock.service.js';
import { TicketWriter } from './ticket-writer.js';

/** Holds end on their own: at expiry the ticket returns to its agent's open queue with an alert. */
@Injectable()
export class HoldExpiryService {
  constructor(
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {}

  async expireDueHolds(): Promise<number> {
    return this.writer.transaction(async (tx) => {
      // The system's on_hold → open, as the transition table allows it.
      const rows = await tx.transitionWhere(
        `SELECT id FROM tickets WHERE status = 'on_hold' AND hold_until <= now() LIMIT 200 FOR UPDATE SKIP LOCKED`,
        [],
        'open',
        'system',
      );
      for (const row of rows) {
        await this.sla.apply(tx.sql, row, statusChange('on_hold', 'open')); // a paused clock runs again once the hold ends
        await tx.appendEvent(row, 'hold_expired', { alertAgentId: row.assignee_id });
        await tx.ticketUpdated(row, { status: 'open', holdUntil: null });
      }
      return rows.length;
    });
  }
}
