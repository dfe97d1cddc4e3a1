import { z } from 'zod';

/** `POST /api/tickets/:id/merge`: the ticket this one goes into. */
export const MergeTicketBody = z.strictObject({ intoTicketId: z.uuid() });
export type MergeTicketBody = z.infer<typeof MergeTicketBody>;

/** `POST /api/tickets/:id/split`: the customer messages that become a ticket of their own. */
export const SplitTicketBody = z.strictObject({
  messageIds: z.array(z.uuid()).min(1, 'choose at least one message').max(500),
});
export type SplitTicketBody = z.infer<typeof SplitTicketBody>;

/** How long an agent may take back a merge. */
export const MERGE_UNDO_WINDOW_MS = 10 * 60_000;

/** A ticket at the other end of a merge or split link. */
export interface LinkedTicketView {
  id: string;
  number: number;
  subject: string;
}

/** `GET /api/tickets/:id/links`: where the ticket went, what went into it, what split from it. */
export interface TicketLinksView {
  mergedInto: (LinkedTicketView & { mergeId: string; undoableUntil: string | null }) | null;
  mergedFrom: Array<LinkedTicketView & { mergeId: string; undoableUntil: string | null }>;
  splitFrom: LinkedTicketView | null;
  splitInto: LinkedTicketView[];
}

/** `GET /api/tickets/:id/merge-preview?intoTicketId=`: what a merge would move. */
export interface MergePreviewView {
  source: LinkedTicketView;
  target: LinkedTicketView;
  messages: number;
  notes: number;
  attachments: number;
  events: number;
  contacts: Array<{ id: string; name: string | null; becomesParticipant: boolean }>;
}

/** What merge, undo and split answer: both tickets after the change. */
export interface TicketMoveResult {
  mergeId?: string;
  undoableUntil?: string;
  source: LinkedTicketView & { status: string };
  target: LinkedTicketView & { status: string };
}
