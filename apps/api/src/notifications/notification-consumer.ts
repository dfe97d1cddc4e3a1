import { Injectable, Logger } from '@nestjs/common';
import type { AgentServerEvents } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer, ticketIdsOf } from '../outbox-consumers/ticket-event-consumer.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { describeChange, describeSla, type TicketFacts, type TimelineFacts } from './notification-text.js';
import { NotificationsService, type NewNotification } from './notifications.service.js';

/** Timeline events that tell someone a ticket is now theirs (or their team's) to handle. */
const TIMELINE_TYPES = ['updated', 'auto_assigned', 'transferred', 'hold_expired'];

/**
 * Turns committed ticket events into notifications, as an outbox consumer: the notifications
 * commit with the consumer's cursor, so a crash replays the batch and never notifies twice.
 *
 * A `ticket.updated` event says what changed but not who did it or why; the timeline event
 * written at the same seq does (an assignment, an auto-assignment, a transfer, a hold that
 * ended), so the consumer reads that. SLA events and mentions carry what they need.
 */
@Injectable()
export class NotificationConsumer extends TicketEventConsumer {
  readonly name = 'notifications';
  readonly topics = ['ticket.updated', 'mention', 'sla.warning', 'sla.breached', 'sla.escalated'];
  private readonly logger = new Logger('NotificationConsumer');

  constructor(
    consumers: OutboxConsumers,
    writer: TicketWriter,
    private readonly notifications: NotificationsService,
  ) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<void> {
    const sql = tx.sql;
    const tickets = await ticketFacts(sql, ticketIdsOf(events));
    const pending: NewNotification[] = [];
    pending.push(...(await this.fromTimeline(sql, events, tickets)));
    for (const event of events) {
      const ticket = event.ticketId ? tickets.get(event.ticketId) : undefined;
      if (!ticket) continue;
      if (event.topic === 'mention') pending.push(fromMention(event, ticket));
      else if (event.topic.startsWith('sla.')) pending.push(await this.fromSla(sql, event, ticket));
    }
    for (const n of pending) await this.notifications.notify(tx, n);
  }

  private async fromTimeline(
    sql: Sql,
    events: OutboxEvent[],
    tickets: Map<string, TicketFacts>,
  ): Promise<NewNotification[]> {
    // A transfer tells the old and the new audience: one (ticket, seq) is one change.
    const keys = new Map<string, { ticketId: string; seq: number }>();
    for (const e of events) {
      if (e.topic !== 'ticket.updated' || !e.ticketId) continue;
      const seq = (e.body.payload as AgentServerEvents['ticket.updated']).seq;
      keys.set(`${e.ticketId}:${seq}`, { ticketId: e.ticketId, seq });
    }
    if (keys.size === 0) return [];
    const list = [...keys.values()];
    const rows = await sql.query<TimelineFacts>(
      `SELECT e.ticket_id, e.type, e.data, e.actor_id, a.name AS actor_name, tm.name AS to_team_name,
              ARRAY(SELECT m.user_id::text FROM team_memberships m JOIN users u ON u.id = m.user_id
                     WHERE u.active AND m.team_id = (e.data->>'toTeamId')::uuid) AS team_member_ids
         FROM unnest($1::uuid[], $2::bigint[]) AS k(ticket_id, seq)
         JOIN ticket_events e ON e.ticket_id = k.ticket_id AND e.seq = k.seq
         LEFT JOIN users a ON a.id = e.actor_id
         LEFT JOIN teams tm ON tm.id = (e.data->>'toTeamId')::uuid
        WHERE e.type = ANY($3::text[])
        ORDER BY e.id`,
      [list.map((k) => k.ticketId), list.map((k) => k.seq), TIMELINE_TYPES],
    );
    const out: NewNotification[] = [];
    for (const row of rows) {
      const ticket = tickets.get(row.ticket_id);
      if (ticket) out.push(...describeChange(row, ticket));
    }
    return out;
  }

  private async fromSla(sql: Sql, event: OutboxEvent, ticket: TicketFacts): Promise<NewNotification> {
    const audience = event.body.audience ?? { teamId: null, assigneeId: null };
    let recipientIds: string[];
    if (audience.assigneeId) recipientIds = [audience.assigneeId];
    else if (audience.teamId) recipientIds = await teamMembers(sql, audience.teamId);
    else recipientIds = await supervisors(sql);
    return { ...describeSla(event.topic, event.body.payload as never, ticket), recipientIds, actorId: null };
  }
}

function fromMention(event: OutboxEvent, ticket: TicketFacts): NewNotification {
  const payload = event.body.payload as AgentServerEvents['mention'];
  const recipientIds = (event.body.rooms ?? [])
    .filter((r) => r.startsWith('agent:'))
    .map((r) => r.slice('agent:'.length));
  return {
    kind: 'mention',
    ticketId: ticket.id,
    text: `${payload.byName} mentioned you on #${ticket.number} ${ticket.subject}: ${payload.excerpt}`,
    recipientIds,
    actorId: payload.byUserId,
  };
}

async function ticketFacts(sql: Sql, unique: string[]): Promise<Map<string, TicketFacts>> {
  if (unique.length === 0) return new Map();
  const rows = await sql.query<TicketFacts>(
    `SELECT id, number::int AS number, subject FROM tickets WHERE id = ANY($1::uuid[])`,
    [unique],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function teamMembers(sql: Sql, teamId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT u.id FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND u.active`,
    [teamId],
  );
  return rows.map((r) => r.id);
}

async function supervisors(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM users WHERE active AND role IN ('supervisor', 'admin')`,
  );
  return rows.map((r) => r.id);
}
