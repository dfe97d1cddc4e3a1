import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AgentServerEvents } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';

/** Timeline events that are worth a follower's attention, in words (after "by <agent>" where one acted). */
const CHANGE_WORDS: Record<string, (data: Record<string, unknown>) => string> = {
  updated: (d) =>
    d.status
      ? `status changed to ${String(d.status)}`
      : d.assigneeId !== undefined
        ? 'assignee changed'
        : 'ticket updated',
  status_changed: (d) => `status changed to ${String(d.to)}`,
  reopened: () => 'reopened by the customer',
  held: () => 'put on hold',
  resumed: () => 'resumed',
  hold_expired: () => 'hold ended',
  transferred: () => 'transferred',
  auto_assigned: () => 'assigned',
};

interface Change {
  ticketId: string;
  seq: number;
  words: string[];
  actorId: string | null;
}

/**
 * Tells an agent who follows a ticket what happened on it: a message (the customer's or a
 * colleague's), a status, an assignment, a hold or a transfer. As an outbox consumer its
 * notifications commit with its cursor, so a crash replays the batch and never notifies twice.
 * One change (one ticket seq) is one notification, however many events described it; nobody is
 * told of their own change.
 */
@Injectable()
export class FollowerNotificationConsumer implements OutboxConsumer, OnModuleInit {
  readonly name = 'followers';
  readonly topics = ['ticket.updated', 'message.created'];
  readonly batchSize = 200;

  constructor(
    private readonly consumers: OutboxConsumers,
    private readonly writer: TicketWriter,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(sql: Sql, events: OutboxEvent[]): Promise<() => void> {
    const tx = this.writer.join(sql);
    const ticketIds = [...new Set(events.map((e) => e.ticketId).filter((id): id is string => !!id))];
    const followers = ticketIds.length
      ? await sql.query<{ ticket_id: string; user_ids: string[]; number: number; subject: string }>(
          `SELECT f.ticket_id, array_agg(f.user_id::text) AS user_ids, t.number::int AS number, t.subject
             FROM ticket_followers f JOIN tickets t ON t.id = f.ticket_id
            WHERE f.ticket_id = ANY($1::uuid[]) GROUP BY f.ticket_id, t.number, t.subject`,
          [ticketIds],
        )
      : [];
    if (followers.length === 0) return () => this.writer.afterCommit(tx);
    const followed = new Map(followers.map((f) => [f.ticket_id, f]));
    const changes = await this.changes(
      sql,
      events.filter((e) => e.ticketId && followed.has(e.ticketId)),
    );
    for (const change of changes) {
      const f = followed.get(change.ticketId)!;
      await this.notifications.notify(tx, {
        kind: 'followed_ticket',
        ticketId: change.ticketId,
        text: `#${f.number} ${f.subject}: ${change.words.join('; ')}`,
        recipientIds: f.user_ids,
        actorId: change.actorId,
      });
    }
    return () => this.writer.afterCommit(tx);
  }

  /** The batch's changes of followed tickets, one per (ticket, seq), with who made them. */
  private async changes(sql: Sql, events: OutboxEvent[]): Promise<Change[]> {
    const byKey = new Map<string, Change>();
    const change = (ticketId: string, seq: number) => {
      const key = `${ticketId}:${seq}`;
      let c = byKey.get(key);
      if (!c) byKey.set(key, (c = { ticketId, seq, words: [], actorId: null }));
      return c;
    };
    const updates: Array<{ ticketId: string; seq: number }> = [];
    for (const e of events) {
      if (e.topic === 'message.created') {
        const { seq, message } = e.body.payload as AgentServerEvents['message.created'];
        const c = change(e.ticketId!, seq);
        if (message.direction === 'in') c.words.unshift('new message from the customer');
        else if (message.kind === 'message' && message.authorId)
          c.words.unshift(`${message.authorName ?? 'an agent'} replied`);
        else if (message.kind === 'note') c.words.unshift(`${message.authorName ?? 'an agent'} added a note`);
        c.actorId ??= message.authorId;
      } else {
        const { seq } = e.body.payload as AgentServerEvents['ticket.updated'];
        updates.push({ ticketId: e.ticketId!, seq });
      }
    }
    if (updates.length) {
      const rows = await sql.query<{
        ticket_id: string;
        seq: string;
        type: string;
        data: Record<string, unknown>;
        actor_id: string | null;
        actor_name: string | null;
      }>(
        `SELECT DISTINCT ON (e.id) e.ticket_id, e.seq, e.type, e.data, e.actor_id, a.name AS actor_name
           FROM unnest($1::uuid[], $2::bigint[]) AS k(ticket_id, seq)
           JOIN ticket_events e ON e.ticket_id = k.ticket_id AND e.seq = k.seq
           LEFT JOIN users a ON a.id = e.actor_id
          WHERE e.type = ANY($3::text[]) ORDER BY e.id`,
        [updates.map((u) => u.ticketId), updates.map((u) => u.seq), Object.keys(CHANGE_WORDS)],
      );
      for (const row of rows) {
        const c = change(row.ticket_id, Number(row.seq));
        const words = CHANGE_WORDS[row.type](row.data ?? {});
        c.words.push(row.actor_name ? `${words} by ${row.actor_name}` : words);
        c.actorId ??= row.actor_id;
      }
    }
    return [...byKey.values()].filter((c) => c.words.length > 0);
  }
}
