import * as c from '@switchboard/contracts';
import { z } from 'zod';
import { NewBlocklistEntry, SpamListQuery } from '../blocklist/blocklist-input.js';
import { FloodLimit } from '../blocklist/flood-limit.js';
import type { ApiRoute } from './api-routes.js';

/** The blocklist, the spam view and the flood limit: the routes for the OpenAPI document. */
const BlocklistEntry = z.object({
  id: z.uuid(),
  kind: z.enum(['contact', 'address', 'domain']),
  value: z.string(),
  contactName: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
const Restored = z.object({ restoredTicketIds: z.array(z.uuid()) });
const SpamTicket = c.TicketView.extend({
  spamAt: z.string(),
  spamReason: z.string().nullable(),
  preview: z.string().nullable(),
});
const SpamState = z.object({
  ticketId: z.uuid(),
  spam: z.boolean(),
  spamAt: z.string().nullable(),
  reason: z.string().nullable(),
});

const bearer = { auth: 'bearer', tag: 'spam' } as const;

export const SPAM_ROUTES: ApiRoute[] = [
  {
    ...bearer,
    method: 'get',
    path: '/api/admin/blocklist',
    summary: 'Blocked contacts, handles and domains, newest first (admins)',
    reply: { status: 200, json: z.object({ items: z.array(BlocklistEntry) }) },
  },
  {
    ...bearer,
    method: 'post',
    path: '/api/admin/blocklist',
    summary:
      'Block a contact (by id), an address (any channel handle: email, phone, chat or API sender) or a domain and its subdomains; their messages then go to the spam view (admins; 409 when already blocked)',
    body: NewBlocklistEntry,
    reply: { status: 201, json: BlocklistEntry },
  },
  {
    ...bearer,
    method: 'delete',
    path: '/api/admin/blocklist/{id}',
    summary: 'Unblock: the spam tickets no other entry holds go back into the queues (admins)',
    reply: { status: 200, json: Restored },
  },
  {
    ...bearer,
    method: 'get',
    path: '/api/admin/blocklist/flood-limit',
    summary:
      'The per-contact flood limit: more messages than this within the window are folded into one notice (admins)',
    reply: { status: 200, json: FloodLimit },
  },
  {
    ...bearer,
    method: 'put',
    path: '/api/admin/blocklist/flood-limit',
    summary: 'Set the per-contact flood limit (admins)',
    body: FloodLimit,
    reply: { status: 200, json: FloodLimit },
  },
  {
    ...bearer,
    method: 'get',
    path: '/api/spam/tickets',
    summary:
      'The spam view: tickets of blocked senders and tickets marked as spam the caller may see, searchable',
    query: SpamListQuery,
    reply: { status: 200, json: z.object({ items: z.array(SpamTicket), nextCursor: z.string().nullable() }) },
  },
  {
    ...bearer,
    method: 'get',
    path: '/api/tickets/{id}/spam',
    summary: 'Whether the ticket is in the spam view, and why',
    reply: { status: 200, json: SpamState },
  },
  {
    ...bearer,
    method: 'post',
    path: '/api/tickets/{id}/spam',
    summary:
      'Mark as spam: blocks the ticket’s contact and moves the ticket out of the queues (409 when it is spam already)',
    reply: { status: 200, json: z.object({ ticketId: z.uuid(), blocklistEntryId: z.uuid().nullable() }) },
  },
  {
    ...bearer,
    method: 'delete',
    path: '/api/tickets/{id}/spam',
    summary:
      'Not spam: unblocks the contact and their handles and restores their spam tickets; a domain entry that still matches is named in stillBlockedBy',
    reply: {
      status: 200,
      json: Restored.extend({
        stillBlockedBy: z.array(
          z.object({ kind: z.enum(['contact', 'address', 'domain']), value: z.string() }),
        ),
      }),
    },
  },
  {
    ...bearer,
    method: 'get',
    path: '/api/tickets/{id}/folded-messages',
    summary: 'The messages the flood limit folded on a ticket, each with the notice event it folded into',
    reply: {
      status: 200,
      json: z.object({ items: z.array(c.MessageView.extend({ noticeEventId: z.string() })) }),
    },
  },
];
