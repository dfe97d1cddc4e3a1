import type { RuleFacts } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import type { TicketRow } from '../tickets/ticket-rows.js';

/**
 * The rule event an outbox row stands for: outbox topics are socket events, so a customer's
 * message and an agent's reply are both `message.created`, told apart by direction; notes and
 * system lines are no message event at all.
 */
export function ruleEventOf(event: OutboxEvent): string | null {
  const payload = (event.body.payload ?? {}) as { message?: { direction?: string; kind?: string } };
  switch (event.topic) {
    case 'message.created':
      if (payload.message?.kind !== 'message') return null;
      return payload.message.direction === 'in' ? 'message.received' : 'message.sent';
    case 'ticket.updated':
      // The copy told to a ticket's old audience after a move repeats only the new scope.
      return 'status' in ((payload as { changes?: object }).changes ?? {}) ? 'ticket.updated' : null;
    case 'ticket.created':
    case 'sla.warning':
    case 'sla.breached':
      return event.topic;
    default:
      return null;
  }
}

/** How deep in a chain of rule-made events this one is (0: a person or a channel made it). */
export function depthOf(event: OutboxEvent): number {
  const depth = (event.body as { ruleDepth?: unknown }).ruleDepth;
  return typeof depth === 'number' ? depth : 0;
}

/** The facts conditions read: the locked ticket, and the message the event is about (else the latest inbound one). */
export async function factsOf(sql: Sql, ticket: TicketRow, event: OutboxEvent): Promise<RuleFacts> {
  const payload = (event.body.payload ?? {}) as { message?: { id?: string } };
  const [message] = await sql.query<{ text: string; address: string | null }>(
    `SELECT m.text, ci.address FROM messages m LEFT JOIN contact_identities ci ON ci.id = m.identity_id
      WHERE m.ticket_id = $1 AND ${payload.message?.id ? 'm.id = $2' : `m.direction = 'in'`}
      ORDER BY m.created_at DESC LIMIT 1`,
    payload.message?.id ? [ticket.id, payload.message.id] : [ticket.id],
  );
  // The ticket as the event told it (a later change may already be committed): a chain of
  // rule-made events is judged step by step, not all by the final state.
  const told = eventTicket(event);
  return {
    status: told.status ?? ticket.status,
    priority: told.priority ?? ticket.priority,
    channel: ticket.channel,
    channelAccountId: ticket.channel_account_id,
    teamId: told.teamId !== undefined ? told.teamId : ticket.team_id,
    assigneeId: told.assigneeId !== undefined ? told.assigneeId : ticket.assignee_id,
    tags: told.tags ?? ticket.tags,
    subject: ticket.subject,
    body: message?.text ?? '',
    from: message?.address ?? '',
    customFields: ticket.custom_fields ?? {},
  };
}

type ToldFields = Partial<Pick<RuleFacts, 'status' | 'priority' | 'teamId' | 'assigneeId' | 'tags'>>;

function eventTicket(event: OutboxEvent): ToldFields {
  const payload = (event.body.payload ?? {}) as { changes?: ToldFields; ticket?: ToldFields };
  const source =
    event.topic === 'ticket.updated'
      ? payload.changes
      : event.topic === 'ticket.created'
        ? payload.ticket
        : undefined;
  if (!source) return {};
  const { status, priority, teamId, assigneeId, tags } = source;
  return Object.fromEntries(
    Object.entries({ status, priority, teamId, assigneeId, tags }).filter(([, v]) => v !== undefined),
  ) as ToldFields;
}
