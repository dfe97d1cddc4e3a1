import { Injectable } from '@nestjs/common';
import { Db } from '../common/db.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import { SlaClockService, statusChange } from '../sla/sla-clock.service.js';
import { TICKET_COLUMNS, toTicketView, type TicketRow } from './ticket-rows.js';

/** Holds end on their own: at expiry the ticket returns to its agent's open queue with an alert. */
@Injectable()
export class HoldExpiryService {
  constructor(
    private readonly db: Db,
    private readonly bus: TicketEventBus,
    private readonly sla: SlaClockService,
  ) {}

  async expireDueHolds(): Promise<number> {
    const pending: PendingEvent[] = [];
    const count = await this.db.tx(async (sql) => {
      const rows = await sql.query<TicketRow>(
        `WITH t AS (
           UPDATE tickets SET status = 'open', hold_until = NULL, seq = seq + 1, updated_at = now()
            WHERE id IN (SELECT id FROM tickets WHERE status = 'on_hold' AND hold_until <= now() LIMIT 200 FOR UPDATE SKIP LOCKED)
           RETURNING *)
         SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      );
      for (const row of rows) {
        await this.sla.apply(sql, row, statusChange('on_hold', 'open')); // SLA (#5)
        await sql.query(`INSERT INTO ticket_events (ticket_id, seq, type, data) VALUES ($1, $2, 'hold_expired', $3)`, [row.id, row.seq, { alertAgentId: row.assignee_id }]);
        const view = toTicketView(row);
        pending.push(await this.bus.record(sql, row.id, 'ticket.updated', { ticketId: row.id, seq: view.seq, changes: { status: 'open', holdUntil: null, sla: view.sla, updatedAt: view.updatedAt } }, { teamId: row.team_id, assigneeId: row.assignee_id }));
      }
      return rows.length;
    });
    this.bus.publish(pending);
    return count;
  }
}
