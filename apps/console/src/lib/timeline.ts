import { canAdvanceDelivery } from '@switchboard/domain/vocabulary';
import {
  isTicketEventType,
  type MessageAttachmentView,
  type MessageView,
  type TicketEventType,
  type TicketEventView,
  type UserView,
} from '@switchboard/contracts';
import { channelName } from './channel-names';
import { dateTime } from './format';
import { i18n } from '../i18n';
import { describeSlaEvent } from './sla-timeline';
import { surveyAnswer } from './survey-answer';

/** One row of a ticket's timeline: a message (any channel, note, hold or handoff note) or an event. */
export type TimelineEntry =
  | { type: 'message'; id: string; createdAt: string; message: MessageView }
  | { type: 'event'; id: string; createdAt: string; event: TicketEventView };

/**
 * The API tags every timeline item with `entry: 'message' | 'event'`; an event keeps its own
 * `type` (created, held, transferred, …). Items without a known `entry`, and events of a type
 * this console does not know, are skipped, not guessed.
 */
function toEntry(raw: unknown): TimelineEntry | null {
  if (!raw || typeof raw !== 'object') return null;
  const item = raw as Record<string, unknown>;
  if (typeof item.id !== 'string' && typeof item.id !== 'number') return null;
  const id = String(item.id);
  const createdAt = typeof item.createdAt === 'string' ? item.createdAt : new Date(0).toISOString();
  if (item.entry === 'event') {
    if (!isTicketEventType(item.type)) return null;
    const event: TicketEventView = {
      id,
      ticketId: String(item.ticketId ?? ''),
      type: item.type,
      actorId: typeof item.actorId === 'string' ? item.actorId : null,
      data: item.data && typeof item.data === 'object' ? (item.data as Record<string, unknown>) : {},
      createdAt,
    };
    return { type: 'event', id, createdAt, event };
  }
  if (item.entry !== 'message') return null;
  const message: MessageView = {
    id,
    ticketId: String(item.ticketId ?? ''),
    direction: item.direction === 'out' ? 'out' : 'in',
    kind: (item.kind as MessageView['kind']) ?? 'message',
    channel: String(item.channel ?? ''),
    authorId: typeof item.authorId === 'string' ? item.authorId : null,
    authorName: typeof item.authorName === 'string' ? item.authorName : null,
    text: typeof item.text === 'string' ? item.text : '',
    html: typeof item.html === 'string' ? item.html : null,
    deliveryState: (item.deliveryState as MessageView['deliveryState']) ?? null,
    deliveryError: typeof item.deliveryError === 'string' ? item.deliveryError : null,
    externalId: typeof item.externalId === 'string' ? item.externalId : null,
    createdAt,
    attachments: Array.isArray(item.attachments) ? (item.attachments as MessageAttachmentView[]) : [],
  };
  return { type: 'message', id, createdAt, message };
}

function byTime(a: TimelineEntry, b: TimelineEntry): number {
  const diff = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return diff !== 0 ? diff : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Reads `GET /api/tickets/:id/messages` (`{ items }`) into entries, oldest first, without duplicates. */
export function normalizeTimeline(raw: unknown): TimelineEntry[] {
  const body = raw as { items?: unknown } | unknown[] | null;
  const list: unknown[] = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
  const seen = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const item of list) {
    const entry = toEntry(item);
    if (!entry || seen.has(`${entry.type}:${entry.id}`)) continue;
    seen.add(`${entry.type}:${entry.id}`);
    entries.push(entry);
  }
  return entries.sort(byTime);
}

/** Adds or replaces a message (delivery state changes arrive as the same id). */
export function upsertMessage(entries: TimelineEntry[], message: MessageView): TimelineEntry[] {
  const index = entries.findIndex((e) => e.type === 'message' && e.id === message.id);
  const entry: TimelineEntry = { type: 'message', id: message.id, createdAt: message.createdAt, message };
  if (index >= 0) {
    const next = entries.slice();
    next[index] = entry;
    return next;
  }
  return [...entries, entry].sort(byTime);
}

/**
 * A timeline read over REST, keeping any message whose cached copy is further along in delivery:
 * the read can start before a socket's `message.updated` ("sent") and answer after it, and must
 * not turn the reply back to "queued" with no later event to correct it.
 */
export function keepFurtherDelivery(
  cached: TimelineEntry[] | undefined,
  fetched: TimelineEntry[],
): TimelineEntry[] {
  if (!cached) return fetched;
  const known = new Map<string, MessageView>();
  for (const e of cached) if (e.type === 'message') known.set(e.id, e.message);
  return fetched.map((e) => {
    if (e.type !== 'message') return e;
    const before = known.get(e.id);
    const from = e.message.deliveryState;
    const to = before?.deliveryState;
    return from && to && canAdvanceDelivery(from, to) ? { ...e, message: before! } : e;
  });
}

export type NameOf = (id: string | null | undefined) => string;

// Status words in sentences ("to pending (waiting on customer)"): the catalog's events.status.*.
const status = (value: unknown) => {
  const code = text(value);
  return code ? i18n.t(`events.status.${code}`, { defaultValue: code }) : code;
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

function when(value: unknown): string {
  const iso = text(value);
  if (!iso) return '';
  return dateTime(iso) || iso;
}

/** "plan from basic to pro, seats cleared": each `{ key: { from, to } }` of a field or contact change. */
function fieldChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : text(v));
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)
    .map(([key, c]) => {
      const name = key.startsWith('customFields.')
        ? key.slice('customFields.'.length)
        : t(`contactField.${key}`, { defaultValue: key });
      const from = shown(c?.from);
      const to = shown(c?.to);
      if (!to) return t('fieldCleared', { name });
      return from ? t('fieldFromTo', { name, from, to }) : t('fieldTo', { name, to });
    })
    .join(', ');
}

type Describe = (d: Record<string, unknown>, actor: string, nameOf: NameOf, event: TicketEventView) => string;

const t = (key: string, values?: Record<string, unknown>) => i18n.t(`events.${key}`, values ?? {});

/**
 * A sentence for every event type the API writes, and for nothing else: a type added to the
 * domain's list fails to compile here until the timeline can say what it means.
 */
const EVENT_TEXT: Record<TicketEventType, Describe> = {
  created: (d) => (d.channel ? t('createdVia', { channel: channelName(text(d.channel)) }) : t('created')),
  reopened: (d, actor) => (d.by === 'customer_message' ? t('reopenedByCustomer') : t('reopened', { actor })),
  status_changed: (d, actor) => {
    const values = { actor, from: status(d.from), to: status(d.to) };
    if (d.by === 'customer_message')
      return d.from ? t('statusByCustomerFrom', values) : t('statusByCustomer', values);
    return d.from ? t('statusChangedFrom', values) : t('statusChanged', values);
  },
  updated: (d, actor, nameOf) => {
    if (d.reason === 'replied_while_unassigned')
      return t('assignedByReplying', { name: nameOf(text(d.assigneeId)) });
    const parts: string[] = [];
    if ('status' in d) parts.push(t('setStatus', { status: status(d.status) }));
    if ('priority' in d)
      parts.push(
        t('setPriority', {
          priority: i18n.t(`priority.${text(d.priority)}`, { defaultValue: text(d.priority) }),
        }),
      );
    if ('assigneeId' in d)
      parts.push(d.assigneeId ? t('setAssignee', { name: nameOf(text(d.assigneeId)) }) : t('noAssignee'));
    if ('teamId' in d) parts.push(d.teamId ? t('setTeam', { name: nameOf(text(d.teamId)) }) : t('noTeam'));
    if ('tags' in d)
      parts.push(
        t('setTags', { tags: Array.isArray(d.tags) && d.tags.length ? d.tags.join(', ') : t('noTags') }),
      );
    if (!parts.length) return t('updatedTicket', { actor });
    const changes = parts.join(', ');
    return d.reason === 'assignee_disabled'
      ? t('setBecauseDisabled', { actor, changes, name: text(d.fromAgentName) || t('theAssignee') })
      : t('set', { actor, changes });
  },
  held: (d, actor) => {
    const key = d.until
      ? d.notifiedCustomer
        ? 'heldUntilTold'
        : 'heldUntil'
      : d.notifiedCustomer
        ? 'heldTold'
        : 'held';
    return t(key, { actor, until: when(d.until) });
  },
  resumed: (_d, actor) => t('resumed', { actor }),
  hold_expired: () => t('holdExpired'),
  transferred: (d, actor, nameOf) => {
    const to = d.toAgentId
      ? nameOf(text(d.toAgentId))
      : d.toTeamId
        ? t('toTeam', { name: nameOf(text(d.toTeamId)) })
        : t('someone');
    return t('transferred', { actor, to });
  },
  handoff_acknowledged: (_d, actor) => t('handoffAcknowledged', { actor }),
  delivery_retried: (_d, actor) => t('deliveryRetried', { actor }),
  contact_merged: (d, actor) => {
    const into = text(d.intoContactName) || t('anotherContact');
    const from = text(d.fromContactName);
    return from ? t('contactMergedFrom', { into, from, actor }) : t('contactMerged', { into, actor });
  },
  sla_clock: (_d, _actor, nameOf, event) => describeSlaEvent(event, nameOf) ?? t('slaClocksUpdated'),
  sla_escalation: (_d, _actor, nameOf, event) => describeSlaEvent(event, nameOf) ?? t('slaEscalated'),
  survey: (d) => {
    const answer = surveyAnswer(d);
    return answer.comment
      ? t('surveyWithComment', { score: answer.score, comment: answer.comment })
      : t('survey', { score: answer.score });
  },
  transcript_sent: (d) => t('transcriptSent', { to: text(d.to) || t('theCustomer') }),
  channel_switched: (d) =>
    t('channelSwitched', { from: channelName(text(d.from) || null), to: channelName(text(d.to) || null) }),
  merged: (d, actor) =>
    d.intoNumber
      ? t('mergedInto', { actor, number: text(d.intoNumber) })
      : t('mergedFrom', { actor, number: text(d.fromNumber) }),
  merge_undone: (d, actor) => t('mergeUndone', { actor, number: text(d.fromNumber) || text(d.sourceNumber) }),
  split: (d, actor) =>
    d.intoNumber
      ? t('splitInto', { actor, number: text(d.intoNumber), count: Number(d.messages ?? 0) })
      : t('splitFrom', { actor, number: text(d.fromNumber), count: Number(d.messages ?? 0) }),
  subject_changed: (d, actor) =>
    t('subjectChanged', { from: text(d.from) || t('noSubject'), to: text(d.to) || t('noSubject'), actor }),
  custom_fields_changed: (d, actor) => t('fieldsChanged', { changes: fieldChanges(d.fields), actor }),
  contact_updated: (d, actor) => {
    // An erasure records itself, and leaves earlier changes without the values it removed.
    if (d.erased) return t('contactErased', { actor });
    const changes = fieldChanges(d.changes);
    return changes ? t('contactUpdated', { changes, actor }) : t('contactChanged', { actor });
  },
  spam_marked: (_d, actor) => i18n.t('spam.events.marked', { actor }),
  spam_cleared: (d, actor) =>
    i18n.t(d.reason === 'unblocked' ? 'spam.events.clearedByUnblock' : 'spam.events.cleared', { actor }),
  messages_folded: (d) =>
    i18n.t('spam.events.folded', { limit: Number(d.limit ?? 0), seconds: Number(d.windowSeconds ?? 0) }),
  auto_assigned: (d, _actor, nameOf) =>
    d.reason
      ? t('autoAssignedBecause', { name: nameOf(text(d.agentId)), reason: text(d.reason) })
      : t('autoAssigned', { name: nameOf(text(d.agentId)) }),
};

/** One line for a system event, by the event's own `type` as the API records it. */
export function describeEvent(event: TicketEventView, nameOf: NameOf): string {
  const actor = event.actorId ? nameOf(event.actorId) : t('system');
  return EVENT_TEXT[event.type](event.data, actor, nameOf, event);
}

export interface PendingHandoff {
  eventId: string;
  fromName: string;
  note: string;
  at: string;
}

/**
 * The latest transfer addressed to this user (or to one of their teams, when no agent was named)
 * that they have not acknowledged yet, with the note the `transferred` event carries.
 */
export function pendingHandoff(
  entries: TimelineEntry[],
  me: Pick<UserView, 'id' | 'teamIds'>,
  nameOf: NameOf,
  acknowledgedLocally: ReadonlySet<string> = new Set(),
): PendingHandoff | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.type !== 'event' || entry.event.type !== 'transferred') continue;
    const d = entry.event.data;
    const toMe = d.toAgentId
      ? d.toAgentId === me.id
      : typeof d.toTeamId === 'string' && me.teamIds.includes(d.toTeamId);
    const acknowledgedLater = entries
      .slice(i + 1)
      .some(
        (e) =>
          e.type === 'event' &&
          e.event.type === 'handoff_acknowledged' &&
          (e.event.actorId === me.id || !e.event.actorId),
      );
    if (!toMe || acknowledgedLater || acknowledgedLocally.has(entry.id)) return null;
    const note = text(d.note);
    // A bot's handoff names the bot, not a person.
    const botName = d.bot && typeof d.bot === 'object' ? text((d.bot as { name?: unknown }).name) : '';
    return {
      eventId: entry.id,
      fromName: botName || nameOf(entry.event.actorId ?? (text(d.fromAgentId) || null)),
      note,
      at: entry.createdAt,
    };
  }
  return null;
}
