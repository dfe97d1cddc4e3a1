import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer, ticketIdsOf } from '../outbox-consumers/ticket-event-consumer.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { readSurveySettings, settingsForAccount } from './survey-settings.js';

export const NPS_AFTER_CSAT_SECONDS = 24 * 3600;

/** The widget asks its own inline question when a chat is solved. */
const OWN_SURVEY_CHANNELS = new Set(['web_chat']);

/**
 * Reacts to committed ticket changes: a solve schedules the survey for after the delay, a reopen
 * before it went out cancels it. It reads each ticket's status as committed, so a batch holding
 * a solve and the reopen after it ends up cancelled, and a replay changes nothing.
 */
@Injectable()
export class SurveyScheduler extends TicketEventConsumer {
  readonly name = 'surveys';
  readonly topics = ['ticket.updated'];

  constructor(consumers: OutboxConsumers, writer: TicketWriter) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<void> {
    const ids = ticketIdsOf(events);
    if (ids.length === 0) return;
    const sql = tx.sql;
    const tickets = await sql.query<{
      id: string;
      status: string;
      channel: string;
      channel_account_id: string | null;
      contact_id: string;
    }>(`SELECT id, status, channel, channel_account_id, contact_id FROM tickets WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    const reopened = tickets.filter((t) => t.status !== 'solved' && t.status !== 'closed').map((t) => t.id);
    if (reopened.length)
      await sql.query(
        `UPDATE survey_requests SET status = 'cancelled', reason = 'reopened', updated_at = now()
          WHERE ticket_id = ANY($1::uuid[]) AND status = 'scheduled'`,
        [reopened],
      );
    const solved = tickets.filter((t) => t.status === 'solved');
    if (solved.length === 0) return;
    const settings = await readSurveySettings(sql);
    for (const ticket of solved) {
      const own = settingsForAccount(settings, ticket.channel_account_id);
      const kinds = ticket.channel && !OWN_SURVEY_CHANNELS.has(ticket.channel);
      if (!kinds) continue;
      const allowed = !own.csat.channelKinds || own.csat.channelKinds.includes(ticket.channel);
      const first = own.ces.enabled && own.ces.mode === 'instead' ? 'ces' : own.csat.enabled ? 'csat' : null;
      if (first && allowed) await schedule(tx, ticket.id, first, own.csat.delaySeconds);
      // A day after the CSAT, so on text channels the two never compete for the customer's next number.
      if (own.nps.enabled && (await npsDue(tx, ticket.contact_id, own.nps)))
        await schedule(tx, ticket.id, 'nps', own.csat.delaySeconds + NPS_AFTER_CSAT_SECONDS);
    }
  }
}

/**
 * One request per ticket and kind: a solve after a reopen schedules the cancelled one again;
 * one that went out (or was answered) is never sent again.
 */
export async function schedule(
  tx: TicketTx,
  ticketId: string,
  kind: string,
  delaySeconds: number,
): Promise<void> {
  await tx.sql.query(
    `INSERT INTO survey_requests (ticket_id, kind, due_at) VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (ticket_id, kind) DO UPDATE SET status = 'scheduled', due_at = EXCLUDED.due_at, reason = NULL, updated_at = now()
      WHERE survey_requests.status = 'cancelled'`,
    [ticketId, kind, delaySeconds],
  );
}

/** NPS asks a contact after enough solved tickets, and not again within `minDaysBetween`. */
async function npsDue(
  tx: TicketTx,
  contactId: string,
  nps: { minDaysBetween: number; afterSolvedTickets: number },
): Promise<boolean> {
  const [row] = await tx.sql.query<{ solved: number; recent: number }>(
    `SELECT (SELECT count(*)::int FROM tickets WHERE contact_id = $1 AND solved_at IS NOT NULL) AS solved,
            (SELECT count(*)::int FROM survey_requests r JOIN tickets t ON t.id = r.ticket_id
              WHERE t.contact_id = $1 AND r.kind = 'nps' AND r.status IN ('scheduled', 'sent', 'answered')
                AND r.created_at > now() - make_interval(days => $2)) AS recent`,
    [contactId, nps.minDaysBetween],
  );
  return row.solved >= nps.afterSolvedTickets && row.recent === 0;
}
