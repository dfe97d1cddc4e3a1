import { i18n } from '../i18n';
import {
  CHANNEL_KINDS,
  PRIORITIES as PRIORITY_LEVELS,
  TICKET_STATUSES,
  type Priority,
  type TicketStatus,
  type TicketView,
  type UserView,
} from '@switchboard/contracts';

/** Status views of the sidebar: every visible ticket in that status. */
export const STATUS_QUEUES = ['pending', 'on_hold', 'solved'] as const;
export type StatusQueue = (typeof STATUS_QUEUES)[number];

/**
 * A queue in the sidebar: mine, unassigned, a status view, the tickets whose notes mention me, one
 * of my teams, everything (supervisors), or a saved view (`view:<id>`, its filters in TicketFilters).
 */
export type QueueId =
  'mine' | 'unassigned' | 'all' | 'mentions' | StatusQueue | `team:${string}` | `view:${string}`;

export const isStatusQueue = (queue: QueueId): queue is StatusQueue =>
  (STATUS_QUEUES as readonly string[]).includes(queue);

export type StatusFilter = TicketStatus | 'active' | 'any';

export interface TicketFilters {
  queue: QueueId;
  status: StatusFilter;
  channel?: string;
  priority?: Priority;
  teamId?: string;
  tag?: string;
  q?: string;
  /** `due` lists the soonest breach first (`GET /api/tickets?sort=due`); absent: last activity. */
  sort?: 'due';
  /** Only from a saved view: whose tickets (`me`, `none` or a user id) and mentions of me. */
  assigneeId?: string;
  mentions?: 'me';
  /** A custom field's value (`cf.<key>=value`). */
  customField?: { key: string; value: string };
}

export const DEFAULT_FILTERS: TicketFilters = { queue: 'mine', status: 'active' };

/** The channel a ticket carries is its account's kind, so the filter offers exactly those. */
export const CHANNELS = CHANNEL_KINDS;
/** Most urgent first, as a filter lists them. */
export const PRIORITIES: Priority[] = [...PRIORITY_LEVELS].reverse();
export const STATUSES: TicketStatus[] = [...TICKET_STATUSES];

export type ListParams = Record<string, string | undefined>;

/** The query string of `GET /api/tickets` for a queue and its filters (without cursor/limit). */
export function listParams(filters: TicketFilters): ListParams {
  const params: ListParams = {};
  if (filters.queue === 'mine') params.assigneeId = 'me';
  else if (filters.queue === 'unassigned') params.assigneeId = 'none';
  else if (filters.queue.startsWith('team:')) params.teamId = filters.queue.slice(5);
  else if (filters.queue === 'mentions') params.mentions = 'me';
  else if (filters.queue.startsWith('view:')) {
    if (filters.assigneeId) params.assigneeId = filters.assigneeId;
    if (filters.mentions) params.mentions = filters.mentions;
  }
  if (isStatusQueue(filters.queue)) params.status = filters.queue;
  else if (filters.status !== 'any') params.status = filters.status;
  if (filters.channel) params.channel = filters.channel;
  if (filters.priority) params.priority = filters.priority;
  if (filters.teamId) params.teamId = filters.teamId;
  if (filters.tag?.trim()) params.tag = filters.tag.trim();
  const q = normalizeSearch(filters.q);
  if (q) params.q = q;
  if (filters.sort === 'due') params.sort = 'due';
  if (filters.customField) params[`cf.${filters.customField.key}`] = filters.customField.value;
  return params;
}

/** "#1042" and "1042" both search by number; anything else is a text search. */
export function normalizeSearch(q: string | undefined): string | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const number = text.match(/^#\s*(\d+)$/);
  return number ? number[1] : text;
}

/**
 * Whether a ticket belongs in a list, for live inserts and removals. Text search is decided by
 * the server only, so it answers `undefined` ("ask the server").
 */
export function matchesList(
  ticket: TicketView,
  params: ListParams,
  me: Pick<UserView, 'id'>,
): boolean | undefined {
  if (ticket.spam) return false; // in the spam view only
  if (params.q || params.mentions) return undefined;
  if (Object.keys(params).some((name) => name.startsWith('cf.'))) return undefined; // custom field values: the server decides
  if (ticket.botId) return false; // a bot answers it: in no queue until it hands off
  if (params.status === 'active') {
    if (ticket.status === 'solved' || ticket.status === 'closed') return false;
  } else if (params.status && ticket.status !== params.status) return false;
  if (params.assigneeId === 'me' && ticket.assigneeId !== me.id) return false;
  if (params.assigneeId === 'none' && ticket.assigneeId !== null) return false;
  if (
    params.assigneeId &&
    params.assigneeId !== 'me' &&
    params.assigneeId !== 'none' &&
    ticket.assigneeId !== params.assigneeId
  )
    return false;
  if (params.teamId && ticket.teamId !== params.teamId) return false;
  if (params.channel && ticket.channel !== params.channel) return false;
  if (params.priority && ticket.priority !== params.priority) return false;
  if (params.tag && !ticket.tags.includes(params.tag)) return false;
  return true;
}

// The built-in queues; their names are in the catalogs (queues.name.<queue>).
const QUEUE_LABELS = new Set(['mine', 'unassigned', 'all', 'mentions', 'pending', 'on_hold', 'solved']);

export function queueLabel(
  queue: QueueId,
  teamName: (id: string) => string,
  viewName: (id: string) => string = () => i18n.t('queues.savedView'),
): string {
  if (queue.startsWith('team:')) return teamName(queue.slice(5));
  if (queue.startsWith('view:')) return viewName(queue.slice(5));
  return QUEUE_LABELS.has(queue) ? i18n.t(`queues.name.${queue}`) : queue;
}
