import { Injectable } from '@nestjs/common';
import type { CreateSlaPolicyBody, PatchSlaPolicyBody } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { conflict, invalid, notFound } from '@switchboard/domain';
import { deleteCalendar, deletePolicy } from './sla-admin-deletes.js';
import type { SlaPolicyRow } from './sla-policy-row.js';

const UNIQUE_VIOLATION = '23505';

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  hours: unknown;
  holidays: string[];
}

export const calendarView = (r: CalendarRow) => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  hours: r.hours,
  holidays: r.holidays,
});
export const policyView = (r: SlaPolicyRow) => ({
  id: r.id,
  name: r.name,
  order: r.sort_order,
  conditions: r.conditions,
  calendarId: r.calendar_id,
  targets: {
    firstResponseSeconds: r.first_response_seconds,
    nextResponseSeconds: r.next_response_seconds,
    resolutionSeconds: r.resolution_seconds,
  },
  atRiskShare: r.at_risk_share,
  pauseOnHold: r.pause_on_hold,
  restartOnCustomerAfterSolve: r.restart_on_customer_after_solve,
  customerAfterSolveGraceSeconds: r.customer_after_solve_grace_seconds,
  escalations: r.escalations,
  active: r.active,
});

/** Business calendars and SLA policies in the database; SlaAdminController validates and calls these. */
@Injectable()
export class SlaAdminRepository {
  constructor(private readonly db: Db) {}

  async createCalendar(name: string, calendar: { timeZone: string; hours: unknown; holidays: string[] }) {
    try {
      const [row] = await this.db.query<CalendarRow>(
        `INSERT INTO business_calendars (name, time_zone, hours, holidays) VALUES ($1, $2, $3, $4) RETURNING *`,
        [name, calendar.timeZone, JSON.stringify(calendar.hours), JSON.stringify(calendar.holidays)],
      );
      return calendarView(row);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('name: a calendar with this name exists');
      throw err;
    }
  }

  /** Replaces a calendar and marks the open tickets of its policies for an immediate re-check. */
  async replaceCalendar(
    id: string,
    name: string,
    calendar: { timeZone: string; hours: unknown; holidays: string[] },
  ) {
    try {
      return await this.db.tx(async (sql) => {
        const [row] = await sql.query<CalendarRow>(
          `UPDATE business_calendars SET name = $2, time_zone = $3, hours = $4, holidays = $5 WHERE id = $1 RETURNING *`,
          [id, name, calendar.timeZone, JSON.stringify(calendar.hours), JSON.stringify(calendar.holidays)],
        );
        if (!row) throw notFound('calendar not found');
        await sql.query(
          `INSERT INTO ticket_sla_state (ticket_id, next_check_at)
           SELECT t.id, now() FROM tickets t JOIN sla_policies p ON p.id = t.sla_policy_id
            WHERE p.calendar_id = $1 AND t.status NOT IN ('solved', 'closed')
           ON CONFLICT (ticket_id) DO UPDATE SET next_check_at = now()`,
          [id],
        );
        return calendarView(row);
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('name: a calendar with this name exists');
      throw err;
    }
  }

  deleteCalendar(id: string): Promise<void> {
    return this.db.tx((sql) => deleteCalendar(sql, id));
  }

  deletePolicy(id: string): Promise<void> {
    return this.db.tx((sql) => deletePolicy(sql, id));
  }

  async listCalendars() {
    return (await this.db.query<CalendarRow>(`SELECT * FROM business_calendars ORDER BY lower(name)`)).map(
      calendarView,
    );
  }

  async createPolicy(input: CreateSlaPolicyBody) {
    const [row] = await this.db.query<SlaPolicyRow>(
      `INSERT INTO sla_policies (name, sort_order, conditions, calendar_id, first_response_seconds, next_response_seconds, resolution_seconds,
                                 at_risk_share, pause_on_hold, restart_on_customer_after_solve, customer_after_solve_grace_seconds, escalations, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [
        input.name,
        input.order,
        JSON.stringify(input.conditions),
        input.calendarId ?? null,
        input.targets.firstResponseSeconds ?? null,
        input.targets.nextResponseSeconds ?? null,
        input.targets.resolutionSeconds ?? null,
        input.atRiskShare,
        input.pauseOnHold,
        input.restartOnCustomerAfterSolve,
        input.customerAfterSolveGraceSeconds,
        JSON.stringify(input.escalations),
        input.active,
      ],
    );
    return policyView(row);
  }

  async listPolicies() {
    return (
      await this.db.query<SlaPolicyRow>(`SELECT * FROM sla_policies ORDER BY sort_order, created_at`)
    ).map(policyView);
  }

  /** Changes a policy and marks its open tickets for an immediate re-check, in one transaction. */
  async patchPolicy(id: string, input: PatchSlaPolicyBody) {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (input.name !== undefined) set('name', input.name);
    if (input.order !== undefined) set('sort_order', input.order);
    if (input.conditions !== undefined) set('conditions', JSON.stringify(input.conditions));
    if (input.calendarId !== undefined) set('calendar_id', input.calendarId);
    if (input.targets !== undefined) {
      set('first_response_seconds', input.targets.firstResponseSeconds ?? null);
      set('next_response_seconds', input.targets.nextResponseSeconds ?? null);
      set('resolution_seconds', input.targets.resolutionSeconds ?? null);
    }
    if (input.atRiskShare !== undefined) set('at_risk_share', input.atRiskShare);
    if (input.pauseOnHold !== undefined) set('pause_on_hold', input.pauseOnHold);
    if (input.restartOnCustomerAfterSolve !== undefined)
      set('restart_on_customer_after_solve', input.restartOnCustomerAfterSolve);
    if (input.customerAfterSolveGraceSeconds !== undefined)
      set('customer_after_solve_grace_seconds', input.customerAfterSolveGraceSeconds);
    if (input.escalations !== undefined) set('escalations', JSON.stringify(input.escalations));
    if (input.active !== undefined) set('active', input.active);
    return this.db.tx(async (sql) => {
      const [row] = await sql.query<SlaPolicyRow>(
        `UPDATE sla_policies SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
        params,
      );
      if (!row) throw notFound('policy not found');
      await sql.query(
        `INSERT INTO ticket_sla_state (ticket_id, next_check_at)
         SELECT id, now() FROM tickets WHERE sla_policy_id = $1 AND status NOT IN ('solved', 'closed')
         ON CONFLICT (ticket_id) DO UPDATE SET next_check_at = now()`,
        [id],
      );
      return policyView(row);
    });
  }

  /** A policy's calendar and teams must exist. */
  async checkReferences(calendarId: string | null, teamIds: string[]): Promise<void> {
    if (calendarId && !(await this.db.one(`SELECT 1 FROM business_calendars WHERE id = $1`, [calendarId]))) {
      throw invalid('calendarId: no calendar with this id');
    }
    if (teamIds.length) {
      const found = await this.db.query<{ id: string }>(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
        teamIds,
      ]);
      const missing = teamIds.filter((t) => !found.some((f) => f.id === t));
      if (missing.length) throw invalid(`teamIds: unknown team ${missing.join(', ')}`);
    }
  }
}
