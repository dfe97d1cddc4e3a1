import { Injectable } from '@nestjs/common';
import {
  MERGE_UNDO_WINDOW_MS,
  type LinkedTicketView,
  type MergePreviewView,
  type TicketLinksView,
} from '@switchboard/contracts';
import { Db } from '../common/db.js';

interface LinkRow {
  id: string;
  number: string;
  subject: string;
  merge_id?: string;
  created_at?: Date;
  undone_at?: Date | null;
}

const linked = (r: LinkRow): LinkedTicketView => ({ id: r.id, number: Number(r.number), subject: r.subject });

/** Until when a merge may be undone; null once it was undone or the window passed. */
function undoableUntil(r: LinkRow, now = Date.now()): string | null {
  if (!r.created_at || r.undone_at) return null;
  const until = new Date(r.created_at).getTime() + MERGE_UNDO_WINDOW_MS;
  return until > now ? new Date(until).toISOString() : null;
}

/** Reads of merge and split links: the banners of a ticket and the preview of a merge. */
@Injectable()
export class TicketLinks {
  constructor(private readonly db: Db) {}

  /** The ticket's links; the caller has checked the viewer may see it. */
  async of(ticketId: string): Promise<TicketLinksView> {
    const [into, from, splitFrom, splitInto] = await Promise.all([
      this.db.query<LinkRow>(
        `SELECT t.id, t.number, t.subject, m.id AS merge_id, m.created_at, m.undone_at
           FROM tickets s JOIN tickets t ON t.id = s.merged_into_ticket_id
           LEFT JOIN LATERAL (SELECT id, created_at, undone_at FROM ticket_merges
                               WHERE source_ticket_id = s.id AND target_ticket_id = t.id ORDER BY created_at DESC LIMIT 1) m ON true
          WHERE s.id = $1`,
        [ticketId],
      ),
      this.db.query<LinkRow>(
        `SELECT t.id, t.number, t.subject, m.id AS merge_id, m.created_at, m.undone_at
           FROM ticket_merges m JOIN tickets t ON t.id = m.source_ticket_id
          WHERE m.target_ticket_id = $1 AND m.undone_at IS NULL AND t.merged_into_ticket_id = $1
          ORDER BY m.created_at`,
        [ticketId],
      ),
      this.db.query<LinkRow>(
        `SELECT t.id, t.number, t.subject FROM tickets s JOIN tickets t ON t.id = s.split_from_ticket_id WHERE s.id = $1`,
        [ticketId],
      ),
      this.db.query<LinkRow>(
        `SELECT id, number, subject FROM tickets WHERE split_from_ticket_id = $1 ORDER BY number`,
        [ticketId],
      ),
    ]);
    return {
      mergedInto: into[0]
        ? { ...linked(into[0]), mergeId: into[0].merge_id ?? '', undoableUntil: undoableUntil(into[0]) }
        : null,
      mergedFrom: from.map((r) => ({ ...linked(r), mergeId: r.merge_id!, undoableUntil: undoableUntil(r) })),
      splitFrom: splitFrom[0] ? linked(splitFrom[0]) : null,
      splitInto: splitInto.map(linked),
    };
  }

  /** What merging `sourceId` into `targetId` would move; both were checked as visible. */
  async preview(sourceId: string, targetId: string): Promise<MergePreviewView> {
    const [counts, tickets] = await Promise.all([
      this.db.one<{ messages: string; notes: string; attachments: string; events: string }>(
        `SELECT count(*) FILTER (WHERE kind IN ('message', 'system')) AS messages,
                count(*) FILTER (WHERE kind IN ('note', 'hold_note', 'transfer_note')) AS notes,
                COALESCE(sum(CASE WHEN jsonb_typeof(meta -> 'attachments') = 'array' THEN jsonb_array_length(meta -> 'attachments') ELSE 0 END), 0) AS attachments,
                (SELECT count(*) FROM ticket_events WHERE ticket_id = $1) AS events
           FROM messages WHERE ticket_id = $1`,
        [sourceId],
      ),
      this.db.query<LinkRow & { contact_id: string; contact_name: string | null }>(
        `SELECT t.id, t.number, t.subject, t.contact_id, c.name AS contact_name
           FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = ANY($1::uuid[])`,
        [[sourceId, targetId]],
      ),
    ]);
    const source = tickets.find((t) => t.id === sourceId)!;
    const target = tickets.find((t) => t.id === targetId)!;
    const differ = source.contact_id !== target.contact_id;
    return {
      source: linked(source),
      target: linked(target),
      messages: Number(counts?.messages ?? 0),
      notes: Number(counts?.notes ?? 0),
      attachments: Number(counts?.attachments ?? 0),
      events: Number(counts?.events ?? 0),
      contacts: [
        { id: target.contact_id, name: target.contact_name, becomesParticipant: false },
        ...(differ ? [{ id: source.contact_id, name: source.contact_name, becomesParticipant: true }] : []),
      ],
    };
  }
}
