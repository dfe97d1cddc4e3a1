import * as c from '@switchboard/contracts';
import { TICKET_STATUSES } from '@switchboard/domain';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Ticket merge, its undo, split and the links they leave: the routes for the OpenAPI document. */
const Linked = z.object({ id: z.uuid(), number: z.number(), subject: z.string() });
const MergeLink = Linked.extend({ mergeId: z.uuid(), undoableUntil: z.string().nullable() });
const MovedTicket = Linked.extend({ status: z.enum(TICKET_STATUSES) });
const MoveResult = z.object({
  mergeId: z.uuid().optional(),
  undoableUntil: z.string().optional(),
  source: MovedTicket,
  target: MovedTicket,
});
const Links = z.object({
  mergedInto: MergeLink.nullable(),
  mergedFrom: z.array(MergeLink),
  splitFrom: Linked.nullable(),
  splitInto: z.array(Linked),
});
const Preview = z.object({
  source: Linked,
  target: Linked,
  messages: z.number(),
  notes: z.number(),
  attachments: z.number(),
  events: z.number(),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), becomesParticipant: z.boolean() })),
});

const base = { tag: 'tickets', auth: 'bearer' } as const;

export const TICKET_MERGE_ROUTES: ApiRoute[] = [
  {
    ...base,
    method: 'post',
    path: '/api/tickets/{id}/merge',
    summary:
      'Merge this ticket into another: messages, notes, files and events move in time order, thread keys follow, the source closes with a link; 404 when either ticket is not visible, 409 into itself or a merged ticket',
    body: c.MergeTicketBody,
    reply: { status: 200, json: MoveResult },
  },
  {
    ...base,
    method: 'post',
    path: '/api/tickets/{id}/merge/undo',
    summary: "Undo this ticket's latest merge (as source or target) within 10 minutes; 409 after that",
    reply: { status: 200, json: MoveResult },
  },
  {
    ...base,
    method: 'post',
    path: '/api/tickets/{id}/split',
    summary: 'Move the chosen customer messages into a new ticket linked to this one',
    body: c.SplitTicketBody,
    reply: { status: 201, json: MoveResult },
  },
  {
    ...base,
    method: 'get',
    path: '/api/tickets/{id}/links',
    summary: 'Where this ticket was merged, what was merged into it, and what was split from it',
    reply: { status: 200, json: Links },
  },
  {
    ...base,
    method: 'get',
    path: '/api/tickets/{id}/merge-preview',
    summary: 'What merging this ticket into `intoTicketId` would move: counts and contacts',
    query: z.object({ intoTicketId: z.uuid() }),
    reply: { status: 200, json: Preview },
  },
];
