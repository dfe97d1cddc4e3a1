import { Injectable } from '@nestjs/common';
import {
  MERGE_UNDO_WINDOW_MS,
  type MergeTicketBody,
  type TicketMoveResult,
  type TicketView,
} from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';

interface MergeFacts {
  id: string;
  merged_into_ticket_id: string | null;
  last_message_at: Date | null;
  last_customer_message_at: Date | null;
}

interface MergeRow {
  id: string;
  source_ticket_id: string;
  target_ticket_id: string;
  source_status: TicketRow['status'];
  source_last_message_at: Date | null;
  source_hold_until: Date | null;
  moved_message_ids: string[];
  moved_event_ids: string[];
  moved_clock_entry_ids: string[];
  moved_thread_keys: Array<{ channelAccountId: string; threadKey: string }>;
  added_participant_id: string | null;
  created_at: Date;
}

const result = (source: TicketRow, target: TicketRow) => ({
  source: { id: source.id, number: Number(source.number), subject: source.subject, status: source.status },
  target: { id: target.id, number: Number(target.number), subject: target.subject, status: target.status },
});

/**
 * Merging one ticket into another, and taking it back. A merge moves the source's messages,
 * notes, files, timeline events and SLA ledger onto the target, points the source's thread keys
 * at the target (so the customer's next reply to the old thread lands there), makes the source's
 * contact a participant of the target, closes the source with a link, and recomputes the
 * target's SLA clocks from the joined ledger. Everything it moved is recorded by id, so an undo
 * within the window moves exactly that back.
 */
@Injectable()
export class MergeTicket {
  constructor(
    private readonly db: Db,
    private readonly queries: TicketQueries,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {}

  async merge(
    viewer: AuthenticatedViewer,
    sourceId: string,
    input: MergeTicketBody,
  ): Promise<TicketMoveResult> {
    await this.visibleOr404(viewer, sourceId);
    await this.visibleOr404(viewer, input.intoTicketId);
    if (sourceId === input.intoTicketId) throw conflict('a ticket cannot be merged into itself');
    return this.writer.transaction(async (tx) => {
      const { source, target, facts } = await this.lockPair(tx, sourceId, input.intoTicketId);
      if (facts.get(source.id)!.merged_into_ticket_id) throw conflict('this ticket was already merged');
      if (facts.get(target.id)!.merged_into_ticket_id)
        throw conflict('intoTicketId: that ticket was merged into another; merge into that one');
      if (source.status === 'closed') throw conflict('a closed ticket cannot be merged');
      if (target.status === 'closed') throw conflict('intoTicketId: a closed ticket cannot take a merge');

      const moved = await tx.moveTimeline(source.id, target.id, 'all');
      const keys = await tx.sql.query<{ channelAccountId: string; threadKey: string }>(
        `UPDATE ticket_thread_keys SET ticket_id = $2 WHERE ticket_id = $1
         RETURNING channel_account_id AS "channelAccountId", thread_key AS "threadKey"`,
        [source.id, target.id],
      );
      const [participant] =
        source.contact_id === target.contact_id
          ? []
          : await tx.sql.query<{ contact_id: string }>(
              `INSERT INTO ticket_participants (ticket_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING contact_id`,
              [target.id, source.contact_id],
            );

      const closed = await tx.transition(source, 'closed', 'agent', {
        sets: 'merged_into_ticket_id = $2',
        params: [target.id],
      });
      // The source's ledger went with its messages: its clocks derive to nothing, with no entries
      // added that an undo would have to take back.
      await this.sla.apply(tx.sql, closed, []);
      const s = facts.get(source.id)!;
      const joined = await tx.touch(
        target.id,
        `last_message_at = GREATEST(last_message_at, $2), last_customer_message_at = GREATEST(last_customer_message_at, $3)`,
        [s.last_message_at, s.last_customer_message_at],
      );
      await this.sla.apply(tx.sql, joined, []); // due times derive from both tickets' history now

      const [merge] = await tx.sql.query<{ id: string; created_at: Date }>(
        `INSERT INTO ticket_merges (source_ticket_id, target_ticket_id, actor_id, source_status, source_last_message_at,
                                    target_last_message_at, moved_message_ids, moved_event_ids, moved_clock_entry_ids,
                                    moved_thread_keys, added_participant_id, source_hold_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, created_at`,
        [
          source.id,
          target.id,
          viewer.userId,
          source.status,
          s.last_message_at,
          facts.get(target.id)!.last_message_at,
          moved.messageIds,
          moved.eventIds,
          moved.clockEntryIds,
          JSON.stringify(keys),
          participant?.contact_id ?? null,
          source.hold_until,
        ],
      );
      const link = { mergeId: merge.id, messages: moved.messageIds.length };
      await tx.appendEvent(
        closed,
        'merged',
        { ...link, intoTicketId: target.id, intoNumber: Number(target.number) },
        viewer.userId,
      );
      await tx.appendEvent(
        joined,
        'merged',
        { ...link, fromTicketId: source.id, fromNumber: Number(source.number) },
        viewer.userId,
      );
      await this.announce(tx, closed, joined, 'merged');
      return {
        mergeId: merge.id,
        undoableUntil: new Date(new Date(merge.created_at).getTime() + MERGE_UNDO_WINDOW_MS).toISOString(),
        ...result(closed, joined),
      };
    });
  }

  /** Takes back the latest merge of this ticket (as its source or its target) within the window. */
  async undo(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketMoveResult> {
    await this.visibleOr404(viewer, ticketId);
    const latest = await this.db.one<{ id: string; source_ticket_id: string; target_ticket_id: string }>(
      `SELECT id, source_ticket_id, target_ticket_id FROM ticket_merges
        WHERE (source_ticket_id = $1 OR target_ticket_id = $1) AND undone_at IS NULL
        ORDER BY created_at DESC LIMIT 1`,
      [ticketId],
    );
    if (!latest) throw conflict('this ticket has no merge to undo');
    const other = latest.source_ticket_id === ticketId ? latest.target_ticket_id : latest.source_ticket_id;
    await this.visibleOr404(viewer, other);
    return this.writer.transaction(async (tx) => {
      const { source, target } = await this.lockPair(tx, latest.source_ticket_id, latest.target_ticket_id);
      const [merge] = await tx.sql.query<MergeRow>(
        `SELECT * FROM ticket_merges WHERE id = $1 AND undone_at IS NULL FOR UPDATE`,
        [latest.id],
      );
      if (!merge) throw conflict('this merge was already undone');
      if (Date.now() - new Date(merge.created_at).getTime() > MERGE_UNDO_WINDOW_MS)
        throw conflict('a merge can be undone for 10 minutes only');

      await tx.moveTimeline(target.id, source.id, {
        messageIds: merge.moved_message_ids,
        eventIds: merge.moved_event_ids,
        clockEntryIds: merge.moved_clock_entry_ids,
      });
      await tx.sql.query(
        `UPDATE ticket_thread_keys k SET ticket_id = $1
           FROM jsonb_to_recordset($3::jsonb) AS v("channelAccountId" uuid, "threadKey" text)
          WHERE k.ticket_id = $2 AND k.channel_account_id = v."channelAccountId" AND k.thread_key = v."threadKey"`,
        [source.id, target.id, JSON.stringify(merge.moved_thread_keys)],
      );
      if (merge.added_participant_id)
        await tx.sql.query(`DELETE FROM ticket_participants WHERE ticket_id = $1 AND contact_id = $2`, [
          target.id,
          merge.added_participant_id,
        ]);
      // Undo returns the source to the status it had, which the transition table has no step
      // for (closed is final): it is the merge taken back, not a move in the ticket's lifecycle.
      const restored = await tx.touch(
        source.id,
        `status = $2::ticket_status, merged_into_ticket_id = NULL, status_changed_at = now(), last_message_at = $3, hold_until = $4`,
        [merge.source_status, merge.source_last_message_at, merge.source_hold_until],
      );
      await this.sla.apply(tx.sql, restored, []);
      // Messages that reached the target since the merge stay there; the last activity follows what is left.
      const left = await tx.touch(
        target.id,
        `last_message_at = (SELECT max(created_at) FROM messages WHERE ticket_id = $1 AND kind = 'message')`,
      );
      await this.sla.apply(tx.sql, left, []);
      await tx.sql.query(`UPDATE ticket_merges SET undone_at = now() WHERE id = $1`, [merge.id]);
      await tx.appendEvent(
        restored,
        'merge_undone',
        { mergeId: merge.id, fromTicketId: target.id, fromNumber: Number(target.number) },
        viewer.userId,
      );
      await tx.appendEvent(
        left,
        'merge_undone',
        { mergeId: merge.id, sourceTicketId: source.id, sourceNumber: Number(source.number) },
        viewer.userId,
      );
      await this.announce(tx, restored, left, 'merge_undone');
      return result(restored, left);
    });
  }

  /** Both tickets locked in id order (two merges of one pair in opposite directions cannot deadlock). */
  private async lockPair(tx: TicketTx, sourceId: string, targetId: string) {
    const rows = new Map<string, TicketRow>();
    for (const id of [sourceId, targetId].sort()) {
      const row = await tx.lock(id);
      if (!row) throw notFound('ticket not found');
      rows.set(id, row);
    }
    const facts = await tx.sql.query<MergeFacts>(
      `SELECT id, merged_into_ticket_id, last_message_at, last_customer_message_at FROM tickets WHERE id = ANY($1::uuid[])`,
      [[sourceId, targetId]],
    );
    return {
      source: rows.get(sourceId)!,
      target: rows.get(targetId)!,
      facts: new Map(facts.map((f) => [f.id, f])),
    };
  }

  /** Both tickets' viewers hear it: the new state of each, and that their timelines changed. */
  private async announce(
    tx: TicketTx,
    source: TicketRow,
    target: TicketRow,
    reason: 'merged' | 'merge_undone',
  ): Promise<void> {
    await tx.ticketUpdated(source, { status: source.status });
    await tx.ticketUpdated(target, { lastMessageAt: toTicketView(target).lastMessageAt });
    for (const [ticket, other] of [
      [source, target],
      [target, source],
    ] as const)
      await tx.emit(
        ticket.id,
        'ticket.timeline_moved',
        { ticketId: ticket.id, seq: Number(ticket.seq), reason, otherTicketId: other.id },
        { teamId: ticket.team_id, assigneeId: ticket.assignee_id },
      );
  }

  private async visibleOr404(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket) throw notFound('ticket not found');
    return ticket;
  }
}
