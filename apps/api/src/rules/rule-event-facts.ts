import { isOpen, type BusinessCalendar, type RuleFacts } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { TICKET_COLUMNS, TICKET_FROM, type TicketRow } from '../tickets/ticket-rows.js';

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
    case 'survey.received':
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

interface MessageFacts {
  text: string;
  address: string | null;
}

/** The ticket's row as conditions read it, with its contact's tags and its SLA policy. */
export type FactTicket = TicketRow & { contact_tags: string[] };

/**
 * What conditions read for a whole batch of events, in three statements whatever its size: the
 * tickets (unlocked: a ticket is locked only when a rule matched it), the messages the events
 * are about and, for events without one, each ticket's latest inbound message.
 */
export class BatchFacts {
  private constructor(
    readonly tickets: Map<string, FactTicket>,
    private readonly messages: Map<string, MessageFacts>,
    private readonly latestInbound: Map<string, MessageFacts>,
    private readonly calendars: CalendarOf,
    private readonly now: Date,
  ) {}

  static async load(
    sql: Sql,
    events: readonly OutboxEvent[],
    calendars: CalendarOf,
    now: Date,
  ): Promise<BatchFacts> {
    const ticketIds = [...new Set(events.map((e) => e.ticketId).filter((id): id is string => !!id))];
    const messageIds = [...new Set(events.map(messageIdOf).filter((id): id is string => !!id))];
    const withoutMessage = [
      ...new Set(events.filter((e) => !messageIdOf(e) && e.ticketId).map((e) => e.ticketId!)),
    ];
    const [tickets, messages, latest] = await Promise.all([
      ticketIds.length ? factTickets(sql, ticketIds, false) : [],
      messageIds.length
        ? sql.query<MessageFacts & { id: string }>(
            `SELECT m.id, m.text, ci.address FROM messages m LEFT JOIN contact_identities ci ON ci.id = m.identity_id
              WHERE m.id = ANY($1::uuid[])`,
            [messageIds],
          )
        : [],
      withoutMessage.length
        ? sql.query<MessageFacts & { ticket_id: string }>(
            `SELECT k.id AS ticket_id, m.text, m.address FROM unnest($1::uuid[]) AS k(id)
               JOIN LATERAL (
                 SELECT m.text, ci.address FROM messages m LEFT JOIN contact_identities ci ON ci.id = m.identity_id
                  WHERE m.ticket_id = k.id AND m.direction = 'in' ORDER BY m.created_at DESC LIMIT 1) m ON true`,
            [withoutMessage],
          )
        : [],
    ]);
    return new BatchFacts(
      new Map(tickets.map((t) => [t.id, t])),
      new Map(messages.map((m) => [m.id, m])),
      new Map(latest.map((m) => [m.ticket_id, m])),
      calendars,
      now,
    );
  }

  /** The facts of `event` on `ticket` (the batch's read, or the row a rule just changed). */
  of(ticket: FactTicket, event: OutboxEvent): RuleFacts {
    const id = messageIdOf(event);
    const message = id ? this.messages.get(id) : this.latestInbound.get(ticket.id);
    return factsFrom(ticket, message, event, this.calendars(ticket), this.now);
  }

  /** The ticket locked, with the contact's tags, for a rule about to act on it (null when it is gone). */
  static async lock(sql: Sql, ticketId: string): Promise<FactTicket | null> {
    const [row] = await factTickets(sql, [ticketId], true);
    return row ?? null;
  }
}

/** The business calendar a ticket's hours are counted in (its SLA policy's), null: around the clock. */
export type CalendarOf = (ticket: { sla_policy_id?: string | null }) => BusinessCalendar | null;

function factTickets(sql: Sql, ids: string[], lock: boolean): Promise<FactTicket[]> {
  return sql.query<FactTicket>(
    `SELECT ${TICKET_COLUMNS}, c.tags AS contact_tags FROM ${TICKET_FROM}
      WHERE t.id = ANY($1::uuid[])${lock ? ' FOR UPDATE OF t' : ''}`,
    [ids],
  );
}

function messageIdOf(event: OutboxEvent): string | undefined {
  return ((event.body.payload ?? {}) as { message?: { id?: string } }).message?.id;
}

/** The facts conditions read, from the ticket, the event's message and the ticket's calendar. */
export function factsFrom(
  ticket: FactTicket,
  message: MessageFacts | undefined,
  event: OutboxEvent,
  calendar: BusinessCalendar | null,
  now: Date,
): RuleFacts {
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
    'contact.tags': (ticket.contact_tags ?? []).map((t) => t.toLowerCase()),
    subject: ticket.subject,
    body: message?.text ?? '',
    from: message?.address ?? '',
    businessHours: isOpen(calendar, now) ? 'open' : 'closed',
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
