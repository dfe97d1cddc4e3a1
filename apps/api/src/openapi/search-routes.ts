import * as c from '@switchboard/contracts';
import type { ApiRoute } from './api-routes.js';

/** Full-text search of tickets: the routes for the OpenAPI document. */
export const SEARCH_ROUTES: ApiRoute[] = [
  {
    auth: 'bearer',
    tag: 'tickets',
    method: 'get',
    path: '/api/search',
    summary:
      'Full-text search of the tickets the caller may open: words of messages, notes, quoted mail history, attachment names and subjects (in the workspace language, accents folded), parts of contact names and addresses, phone numbers however spaced, ticket numbers. One item per ticket, best first, with an HTML snippet whose matches are in <mark>',
    query: c.TicketSearchQuery,
    reply: { status: 200, json: c.TicketSearchPage },
  },
];
