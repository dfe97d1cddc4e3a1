import { Injectable } from '@nestjs/common';
import { conflict, notFound, type Viewer } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { TICKET_COLUMNS, TICKET_FROM, type TicketRow } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { contactBlockedSql } from './blocked-senders.js';

/** The due times a spam mark clears: no clock runs on spam, so nothing can warn or breach. */
const DUE_COLUMNS = [
  'first_response_due_at',
  'first_response_at_risk_at',
  'next_response_due_at',
  'next_response_at_risk_at',
  'resolution_due_at',
  'resolution_at_risk_at',
  'sla_due_at',
  'sla_at_risk_at',
];

export interface SpamState {
  ticketId: string;
  spam: boolean;
  spamAt: string | null;
  /** `marked` (an agent's "mark as spam") or `blocked_<kind>` (the sender was blocked when it arrived). */
  reason: string | null;
}

/**
 * Moving tickets into and out of the spam view, through the ticket writer: the spam mark, the
 * timeline event, the SLA clocks and the `ticket.updated` that takes the ticket out of (or puts
 * it back into) every agent's queue, in one transaction.
 */
@Injectable()
export class TicketSpam {
  constructor(
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {}

  /** The ticket, locked, if the viewer may see it; 404 otherwise. */
  async lockVisible(tx: TicketTx, viewer: Viewer, ticketId: string): Promise<TicketRow> {
    const params: unknown[] = [ticketId];
    const [row] = await tx.sql.query<TicketRow & { spam_at: Date | null }>(
      `SELECT ${TICKET_COLUMNS}, t.spam_at FROM ${TICKET_FROM} WHERE t.id = $1 AND ${visibleTo(viewer, params)} FOR UPDATE OF t`,
      params,
    );
    if (!row) throw notFound('ticket not found');
    return row;
  }

  async state(sql: Sql, viewer: Viewer, ticketId: string): Promise<SpamState> {
    const params: unknown[] = [ticketId];
    const [row] = await sql.query<{ spam_at: Date | null; spam_reason: string | null }>(
      `SELECT t.spam_at, t.spam_reason FROM tickets t WHERE t.id = $1 AND ${visibleTo(viewer, params)}`,
      params,
    );
    if (!row) throw notFound('ticket not found');
    return {
      ticketId,
      spam: row.spam_at !== null,
      spamAt: row.spam_at ? new Date(row.spam_at).toISOString() : null,
      reason: row.spam_reason,
    };
  }

  /** Moves a (locked) ticket into the spam view: out of the queues, its clocks stopped. */
  async markSpam(tx: TicketTx, ticket: TicketRow, reason: string, actorId: string | null): Promise<void> {
    const [{ spam }] = await tx.sql.query<{ spam: boolean }>(
      `SELECT spam_at IS NOT NULL AS spam FROM tickets WHERE id = $1`,
      [ticket.id],
    );
    if (spam) throw conflict('the ticket is already in the spam view');
    const updated = await tx.touch(
      ticket.id,
      ['spam_at = now()', 'spam_reason = $2', ...DUE_COLUMNS.map((c) => `${c} = NULL`)].join(', '),
      [reason],
    );
    await tx.sql.query(`UPDATE ticket_sla_state SET next_check_at = NULL WHERE ticket_id = $1`, [ticket.id]);
    await tx.appendEvent(updated, 'spam_marked', { reason }, actorId);
    // `spam` tells every console to drop the ticket from its queues at once.
    await tx.ticketUpdated(updated, { spam: true });
  }

  /**
   * Puts a (locked) spam ticket back into the queues: its clocks start now if none ever ran (it
   * arrived as spam), else they are derived again from their ledger.
   */
  async restore(tx: TicketTx, ticketId: string, actorId: string | null, why: string): Promise<void> {
    const [ledger] = await tx.sql.query<{ ran: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM sla_clock_entries WHERE ticket_id = $1) AS ran`,
      [ticketId],
    );
    const restored = await tx.touch(ticketId, 'spam_at = NULL, spam_reason = NULL');
    await this.sla.apply(
      tx.sql,
      restored,
      ledger.ran ? [] : [{ type: 'ticket_created', status: restored.status }],
    );
    await tx.appendEvent(restored, 'spam_cleared', { reason: why }, actorId);
    await tx.ticketUpdated(restored, { spam: false });
  }

  /**
   * Restores every spam ticket of these contacts that no blocklist entry holds any more (after
   * an unblock); the ids restored. Each ticket is locked and changed through the writer.
   */
  async restoreUnblocked(
    tx: TicketTx,
    contactIds: string[],
    actorId: string | null,
    why: string,
  ): Promise<string[]> {
    if (contactIds.length === 0) return [];
    const rows = await tx.sql.query<{ id: string }>(
      `SELECT t.id FROM tickets t
        WHERE t.contact_id = ANY($1::uuid[]) AND t.spam_at IS NOT NULL AND NOT ${contactBlockedSql('t.contact_id')}
        ORDER BY t.id FOR UPDATE OF t`,
      [contactIds],
    );
    for (const { id } of rows) await this.restore(tx, id, actorId, why);
    return rows.map((r) => r.id);
  }

  transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T> {
    return this.writer.transaction(work);
  }
}
