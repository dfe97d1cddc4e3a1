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
  {
    auth: 'bearer',
    tag: 'admin',
    method: 'get',
    path: '/api/admin/settings/search-language',
    summary:
      'The workspace language search stems and folds words in, and whether older text is still being re-indexed (admins)',
    reply: { status: 200, json: c.SearchLanguageView },
  },
  {
    auth: 'bearer',
    tag: 'admin',
    method: 'put',
    path: '/api/admin/settings/search-language',
    summary:
      'Sets the workspace language of search (admins): new text is indexed in it at once, older text is re-indexed in the background',
    body: c.SearchLanguageBody,
    reply: { status: 200, json: c.SearchLanguageView },
  },
];
