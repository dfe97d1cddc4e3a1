import { randomUUID } from 'node:crypto';
import type { InboundMessage, IngestResult } from '@switchboard/channel-kit';
import { statusAfter } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import type { PendingEvent, TicketEventBus } from '../events/ticket-event-bus.js';
import { inboundHappenings, type SlaClockService } from '../sla/sla-clock.service.js';
import { domainsOf, normalizeAddress } from '../blocklist/blocked-senders.js';
import { FLOOD_LIMIT_SQL, FLOOD_WINDOW_COUNT_SQL } from '../blocklist/flood-limit.js';
import { blockedBySql } from '../blocklist/inbound-screening.js';
import { followMergesSql, isParticipantSql } from '../ticket-merge/merge-threading.js';
import { MESSAGE_COLUMNS, TICKET_COLUMNS, type MessageRow, type TicketRow } from '../tickets/ticket-rows.js';
import { BUMP_SEQ, ticketEventsInsertSql, type TimelineEvent } from '../tickets/ticket-writer.js';
import type { TicketEventType } from '@switchboard/domain';
import {
  continuationEvents,
  continues,
  inboundOutboxEvents,
  LAST_INBOUND,
  newTicketSubject,
  threadKeysOf,
  THREADING_SETTING_COLUMNS,
  threadingOf,
  type ThreadCandidate,
  type Threading,
} from './inbound-threading.js';

/** One message of a batch, with the channel account it came on and the id its message row will have. */
export interface BatchItem<A extends BatchAccount = BatchAccount> {
  msg: InboundMessage;
  account: A;
  messageId: string;
}
type BatchAccount = { id: string; kind: string; teamId: string | null };

type Bind = (value: unknown) => string;

/** An item on the common path, as the batch learns about it. */
interface Common extends BatchItem {
  index: number;
  contactId: string;
  identityId: string;
  newContact: boolean;
  /** When the customer sent it: the provider's time, else when it arrived. */
  sentAt: Date;
  target: ThreadCandidate | null;
  ticket?: TicketRow;
  messageRow?: MessageRow;
}

/** A thread candidate as one json column (four lookups share a row, so their columns cannot). */
const CANDIDATE_JSON = `json_build_object('id', t.id, 'status', t.status, 'solved_at', t.solved_at,
  'last_in_account_id', last_in.channel_account_id, 'last_in_channel', last_in.channel, 'spam', t.spam_at IS NOT NULL)`;
const continuesSql = (c: string) =>
  `(${c}->>'status' NOT IN ('solved', 'closed') OR (${c}->>'status' = 'solved'
     AND (${c}->>'solved_at')::timestamptz >= $11::timestamptz - make_interval(secs => $12)))`;

/**
 * The lookups of a batch after its contacts are locked, one row per message: the sender's
 * blocklist match, the contact's flood window as it stands, and the ticket the message continues
 * by the same rules and in the same order as ingest's one-by-one `findThread` (the ticket the
 * channel named, else by thread key, else the contact's latest open one; then, when the
 * workspace joins across channels and the channel's own thread has nothing open, the contact's
 * open ticket on another of the team's channels). Each lookup locks the ticket it finds.
 */
const LOOKUP_SQL = `
  WITH limits AS (${FLOOD_LIMIT_SQL}),
  v AS (SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::boolean[],
                             $8::text[], $9::boolean[], $10::uuid[])
          AS v(n, account_id, contact_id, address, domains, hint, hint_verified, keys, look, team_id))
  SELECT v.n,
    (${blockedBySql('v.contact_id', 'v.address', 'v.domains::text[]')}) AS blocked_by,
    CASE WHEN f.window_started_at > now() - make_interval(secs => limits.win) THEN f.received ELSE 0 END AS received,
    limits.max, limits.enabled,
    COALESCE(h.c, k.c, o.c) AS candidate, e.c AS elsewhere
  FROM v CROSS JOIN limits
  LEFT JOIN contact_flood_windows f ON f.contact_id = v.contact_id
  LEFT JOIN LATERAL (
    SELECT ${CANDIDATE_JSON} AS c FROM tickets t ${LAST_INBOUND}
     WHERE v.look AND v.hint IS NOT NULL AND t.id = ${followMergesSql('v.hint')}
       AND (t.contact_id = v.contact_id OR v.hint_verified OR ${isParticipantSql('t.id', 'v.contact_id')})
     FOR UPDATE OF t) h ON true
  LEFT JOIN LATERAL (
    SELECT ${CANDIDATE_JSON} AS c
      FROM unnest(v.keys::text[]) AS key
      JOIN ticket_thread_keys tk ON tk.channel_account_id = v.account_id AND tk.thread_key = key
      JOIN tickets t ON t.id = tk.ticket_id ${LAST_INBOUND}
     WHERE v.look AND h.c IS NULL
       AND (t.contact_id = v.contact_id OR ${isParticipantSql('t.id', 'v.contact_id')})
     ORDER BY t.updated_at DESC LIMIT 1 FOR UPDATE OF t) k ON true
  LEFT JOIN LATERAL (
    SELECT ${CANDIDATE_JSON} AS c FROM tickets t ${LAST_INBOUND}
     WHERE v.look AND h.c IS NULL AND cardinality(v.keys::text[]) = 0
       AND t.contact_id = v.contact_id AND t.status <> 'closed'
       AND (t.channel_account_id = v.account_id OR ($13::boolean AND t.team_id IS NOT DISTINCT FROM v.team_id))
     ORDER BY (t.status <> 'solved') DESC, t.updated_at DESC LIMIT 1 FOR UPDATE OF t) o ON true
  LEFT JOIN LATERAL (
    SELECT ${CANDIDATE_JSON} AS c FROM tickets t ${LAST_INBOUND}
     WHERE v.look AND $13::boolean AND (v.hint IS NOT NULL OR cardinality(v.keys::text[]) > 0)
       AND NOT COALESCE(${continuesSql('COALESCE(h.c, k.c, o.c)')}, false)
       AND t.contact_id = v.contact_id AND t.channel_account_id <> v.account_id AND t.status <> 'closed'
       AND t.team_id IS NOT DISTINCT FROM v.team_id
     ORDER BY (t.status <> 'solved') DESC, t.updated_at DESC LIMIT 1 FOR UPDATE OF t) e ON true
  ORDER BY v.n`;

interface LookupRow {
  n: number;
  blocked_by: string | null;
  received: number;
  max: number;
  enabled: boolean;
  candidate: ThreadCandidate | null;
  elsewhere: ThreadCandidate | null;
}

/** A Postgres array literal of text, for a per-row array inside an `unnest` of text. */
const textArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * The common path of a batch of inbound messages, set-wise: each table is written once per
 * batch instead of once per message, so a mailbox's backlog costs a dozen round trips per batch
 * rather than per mail. It handles what most mail is — a known or new sender, not blocked, under
 * the flood limit, starting a ticket or continuing one no other message of the batch continues —
 * and leaves everything else (duplicates, an address only claimed on another channel, blocked or
 * flooding senders, survey answers on other channels, two messages for one ticket) to ingest's
 * one-by-one path, which the caller runs afterwards in the same transaction, in order. A sender's
 * messages all take the same path, so they are stored in the order they came.
 */
export class CommonPathBatch {
  constructor(
    private readonly events: TicketEventBus,
    private readonly sla: SlaClockService,
    private readonly reopenWindowDefault: number,
  ) {}

  /** Results for the messages stored; undefined for those left to the one-by-one path. */
  async store(sql: Sql, items: BatchItem[], pending: PendingEvent[]): Promise<(IngestResult | undefined)[]> {
    const results: (IngestResult | undefined)[] = new Array(items.length);
    const claimed = await this.claim(sql, items);
    const { threading } = claimed;
    let common = await this.createContacts(sql, claimed.common);
    if (common.length === 0) return results;
    await sql.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(c::text, 0)))
         FROM (SELECT DISTINCT c FROM unnest($1::uuid[]) AS c ORDER BY c) AS contacts`,
      [common.map((c) => c.contactId)],
    );
    common = await this.screenAndThread(sql, common, threading);
    if (common.length === 0) return results;
    await this.writeTickets(sql, common);
    await this.sla.applyMany(
      sql,
      common
        .filter((c) => !c.ticket!.bot_id)
        .map((c) => ({ ticket: c.ticket!, happenings: inboundHappenings(c.target, c.ticket!.status) })),
    );
    await this.writeMessages(sql, common);
    pending.push(
      ...(await this.events.recordEach(
        sql,
        common.flatMap((c) =>
          inboundOutboxEvents(c.target === null, c.ticket!, c.messageRow!).map((e) => ({
            ...e,
            ticketId: c.ticket!.id,
            audience: { teamId: c.ticket!.team_id, assigneeId: c.ticket!.assignee_id },
          })),
        ),
      )),
    );

    for (const c of common)
      results[c.index] = {
        ticketId: c.ticket!.id,
        messageId: c.messageId,
        duplicate: false,
        ticketCreated: c.target === null,
      };
    return results;
  }

  /**
   * Claims every message's receipt (the dedupe) and finds its sender's identity, in one
   * statement. Only email takes the common path: on other channels a known number may be
   * answering a survey, which the one-by-one path recognizes.
   */
  private async claim(sql: Sql, items: BatchItem[]): Promise<{ common: Common[]; threading: Threading }> {
    const rows = await sql.query<{
      n: number;
      claimed: boolean;
      identity_id: string | null;
      contact_id: string | null;
      unverified_claim: boolean | null;
      join_across: string | null;
      reopen_window: string | null;
    }>(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY
                    AS v(account_id, external_id, message_id, kind, address, n)),
       receipt AS (INSERT INTO inbound_receipts (channel_account_id, external_id, message_id)
                   SELECT account_id, external_id, message_id FROM v ORDER BY n
                   ON CONFLICT DO NOTHING RETURNING message_id)
       SELECT v.n::int, r.message_id IS NOT NULL AS claimed, i.id AS identity_id, i.contact_id, i.unverified_claim,
              -- The batch's prepared statements keep one plan: planning the lookup anew for every
              -- batch cost twice as much as running it.
              (SELECT set_config('plan_cache_mode', 'force_generic_plan', true)) AS plan_cache_mode,
              ${THREADING_SETTING_COLUMNS}
         FROM v LEFT JOIN receipt r ON r.message_id = v.message_id
         LEFT JOIN contact_identities i ON i.kind = v.kind AND i.address = v.address
        ORDER BY v.n`,
      [
        items.map((i) => i.account.id),
        items.map((i) => i.msg.externalId),
        items.map((i) => i.messageId),
        items.map((i) => i.msg.from.kind),
        items.map((i) => i.msg.from.address),
      ],
    );
    const threading = threadingOf(rows[0], this.reopenWindowDefault);
    const common: Common[] = [];
    const newIdentities = new Map<string, { contactId: string; identityId: string }>();
    for (const row of rows) {
      const index = row.n - 1;
      const item = items[index];
      if (!row.claimed || item.account.kind !== 'email') continue;
      if (row.identity_id && row.unverified_claim && item.msg.from.verified) continue;
      let ids: { contactId: string; identityId: string } | undefined =
        row.identity_id && row.contact_id
          ? { contactId: row.contact_id, identityId: row.identity_id }
          : undefined;
      let newContact = false;
      if (!ids) {
        // A new person: the first of their messages creates the contact, the rest find it.
        const key = `${item.msg.from.kind}\u0000${item.msg.from.address}`;
        newContact = !newIdentities.has(key);
        ids = newIdentities.get(key) ?? { contactId: randomUUID(), identityId: randomUUID() };
        newIdentities.set(key, ids);
      }
      common.push({
        ...item,
        index,
        ...ids,
        newContact,
        sentAt: item.msg.sentAt ?? new Date(),
        target: null,
      });
    }
    return { common, threading };
  }

  /**
   * Contacts and identities for the batch's new people. Where another transaction created the
   * same identity first, ours is dropped and that person's messages take the one-by-one path,
   * which finds theirs.
   */
  private async createContacts(sql: Sql, common: Common[]): Promise<Common[]> {
    const created = common.filter((c) => c.newContact);
    if (created.length === 0) return common;
    const rows = await sql.query<{ id: string }>(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
                    AS v(contact_id, identity_id, name, kind, address)),
       c AS (INSERT INTO contacts (id, name) SELECT contact_id, name FROM v)
       INSERT INTO contact_identities (id, contact_id, kind, address)
       SELECT identity_id, contact_id, kind, address FROM v
       ON CONFLICT (kind, address) DO NOTHING RETURNING id`,
      [
        created.map((c) => c.contactId),
        created.map((c) => c.identityId),
        created.map((c) => c.msg.from.name ?? null),
        created.map((c) => c.msg.from.kind),
        created.map((c) => c.msg.from.address),
      ],
    );
    if (rows.length === created.length) return common;
    const kept = new Set(rows.map((r) => r.id));
    const lost = created.filter((c) => !kept.has(c.identityId)).map((c) => c.contactId);
    await sql.query(`DELETE FROM contacts WHERE id = ANY($1::uuid[])`, [lost]);
    return common.filter((c) => !lost.includes(c.contactId));
  }

  /**
   * Screens the senders and finds each message's ticket; a sender who is blocked or would pass
   * the flood limit with this batch, or whose message would continue a ticket another message
   * of the batch continues, leaves the common path with all their messages.
   */
  private async screenAndThread(sql: Sql, common: Common[], threading: Threading): Promise<Common[]> {
    const now = Date.now();
    const rows = await sql.query<LookupRow>(
      LOOKUP_SQL,
      [
        common.map((_, k) => k),
        common.map((c) => c.account.id),
        common.map((c) => c.contactId),
        common.map((c) => normalizeAddress(c.msg.from.address)),
        common.map((c) => textArray(domainsOf(c.msg.from.address))),
        common.map((c) => c.msg.ticketHint?.ticketId ?? null),
        common.map((c) => c.msg.ticketHint?.senderVerified === true),
        common.map((c) => textArray(c.msg.threadKey ? threadKeysOf(c.msg) : [])),
        // A contact created by this very message has no ticket to continue, unless the channel
        // vouched for the sender on a ticket (a colleague on an email thread).
        common.map((c) => !c.newContact || !!c.msg.ticketHint?.ticketId),
        common.map((c) => c.account.teamId),
        new Date(now),
        threading.reopenWindowSeconds,
        threading.joinAcrossChannels,
      ],
      { prepareAs: 'ingest-batch-lookup' },
    );
    const leaving = new Set<string>();
    const counted = new Map<string, number>();
    const continuing = new Set<string>();
    for (const row of rows) {
      const c = common[row.n];
      const received = (counted.get(c.contactId) ?? row.received) + 1;
      counted.set(c.contactId, received);
      if (row.blocked_by || (row.enabled && received > row.max)) leaving.add(c.contactId);
      // The statement looked elsewhere only where findThread would: the first that continues wins.
      const found = [row.candidate, row.elsewhere]
        .map((json) => json && candidateOf(json))
        .find((candidate) => candidate && continues(candidate, threading, now));
      c.target = found && !found.spam ? found : null;
      if (c.target) {
        if (continuing.has(c.target.id)) leaving.add(c.contactId);
        continuing.add(c.target.id);
      }
    }
    return common.filter((c) => !leaving.has(c.contactId));
  }

  /** New tickets in one INSERT, continued ones in one UPDATE; each item gets its ticket row. */
  private async writeTickets(sql: Sql, common: Common[]): Promise<void> {
    const opened = common.filter((c) => !c.target);
    const continued = common.filter((c) => c.target);
    const ids = opened.map(() => randomUUID());
    const [openedRows, continuedRows] = await Promise.all([
      opened.length
        ? sql.query<TicketRow>(
            // The account's bot, if one answers there, holds the new ticket: no team sees it until the handoff.
            `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[],
                                           $7::timestamptz[]) WITH ORDINALITY
                          AS v(id, subject, channel, account_id, contact_id, team_id, at, n)),
             t AS (
               INSERT INTO tickets (id, subject, channel, channel_account_id, contact_id, team_id, last_message_at,
                                    last_customer_message_at, bot_id)
               SELECT v.id, v.subject, v.channel, v.account_id, v.contact_id, CASE WHEN b.id IS NULL THEN v.team_id END,
                      v.at, v.at, b.id
                 FROM v LEFT JOIN LATERAL (SELECT id FROM bots WHERE channel_account_id = v.account_id AND active LIMIT 1) b ON true
                ORDER BY v.n RETURNING *)
             SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
            [
              ids,
              opened.map((c) => newTicketSubject(c.msg)),
              opened.map((c) => c.account.kind),
              opened.map((c) => c.account.id),
              opened.map((c) => c.contactId),
              opened.map((c) => c.account.teamId),
              opened.map((c) => c.sentAt),
            ],
            { prepareAs: 'ingest-batch-open' },
          )
        : [],
      continued.length
        ? sql.query<TicketRow>(
            `WITH t AS (
               UPDATE tickets SET status = v.status, solved_at = CASE WHEN v.status = 'solved' THEN solved_at END,
                      last_message_at = GREATEST(last_message_at, v.at),
                      last_customer_message_at = GREATEST(last_customer_message_at, v.at), ${BUMP_SEQ}
                 FROM unnest($1::uuid[], $2::ticket_status[], $3::timestamptz[]) AS v(id, status, at)
                WHERE tickets.id = v.id RETURNING tickets.*)
             SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
            [
              continued.map((c) => c.target!.id),
              continued.map((c) => statusAfter(c.target!.status, 'customer_message') ?? c.target!.status),
              continued.map((c) => c.sentAt),
            ],
            { prepareAs: 'ingest-batch-continue' },
          )
        : [],
    ]);
    const byId = new Map([...openedRows, ...continuedRows].map((t) => [t.id, t]));
    opened.forEach((c, k) => (c.ticket = byId.get(ids[k])));
    for (const c of continued) c.ticket = byId.get(c.target!.id);
  }

  /**
   * Thread keys, messages, timeline events and the senders' flood counters, as one statement.
   * The message rows come back for the events agents receive.
   */
  private async writeMessages(sql: Sql, common: Common[]): Promise<void> {
    const params: unknown[] = [];
    const bind: Bind = (value) => `$${params.push(value)}`;
    // A key named twice keeps the later message's ticket, as one-by-one upserts would.
    const keys = new Map<string, { accountId: string; key: string; ticketId: string; contactId: string }>();
    for (const c of common)
      for (const key of threadKeysOf(c.msg))
        keys.set(`${c.account.id}\u0000${key}`, {
          accountId: c.account.id,
          key,
          ticketId: c.ticket!.id,
          contactId: c.contactId,
        });
    const counts = new Map<string, number>();
    for (const c of common) counts.set(c.contactId, (counts.get(c.contactId) ?? 0) + 1);
    const timeline = new Map<TicketEventType, TimelineEvent[]>();
    const addEvent = (type: TicketEventType, event: TimelineEvent) =>
      timeline.set(type, [...(timeline.get(type) ?? []), event]);
    for (const c of common) {
      const ticket = c.ticket!;
      if (!c.target)
        addEvent('created', { ticketId: ticket.id, seq: ticket.seq, data: { channel: c.account.kind } });
      else
        for (const event of continuationEvents(c.target, ticket, c.account))
          addEvent(event.type, { ticketId: ticket.id, seq: ticket.seq, data: event.data });
    }
    const entries = [...keys.values()];
    const accountIds = bind(entries.map((e) => e.accountId));
    const keyTexts = bind(entries.map((e) => e.key));
    const contactIds = bind(entries.map((e) => e.contactId));
    const ctes = [
      `limits AS (${FLOOD_LIMIT_SQL})`,
      `flood AS (
         INSERT INTO contact_flood_windows AS f (contact_id, window_started_at, received)
         SELECT contact_id, now(), n FROM unnest(${bind([...counts.keys()])}::uuid[], ${bind([...counts.values()])}::int[]) AS v(contact_id, n)
         ${FLOOD_WINDOW_COUNT_SQL})`,
      `thread_keys AS (
         INSERT INTO ticket_thread_keys AS k (channel_account_id, thread_key, ticket_id)
         SELECT account_id, key, ticket_id
           FROM unnest(${accountIds}::uuid[], ${keyTexts}::text[], ${bind(entries.map((e) => e.ticketId))}::uuid[])
             AS v(account_id, key, ticket_id)
         ON CONFLICT (channel_account_id, thread_key) DO UPDATE SET ticket_id = EXCLUDED.ticket_id
         -- A key moves only off a ticket of the sender's own (a stranger reusing one moves nothing).
         WHERE EXISTS (SELECT 1 FROM unnest(${accountIds}::uuid[], ${keyTexts}::text[], ${contactIds}::uuid[]) AS s(account_id, key, contact_id)
                         JOIN tickets t ON t.contact_id = s.contact_id
                        WHERE s.account_id = k.channel_account_id AND s.key = k.thread_key AND t.id = k.ticket_id))`,
      ...[...timeline].map(
        ([type, events], k) => `timeline_${k} AS (${ticketEventsInsertSql(bind, type, events)})`,
      ),
      `m AS (
         INSERT INTO messages (id, ticket_id, direction, kind, channel, channel_account_id, identity_id, text, html,
                               external_id, meta, created_at)
         SELECT id, ticket_id, 'in'::message_direction, 'message'::message_kind, channel, account_id, identity_id, text, html, external_id, meta, at
           FROM unnest(${bind(common.map((c) => c.messageId))}::uuid[], ${bind(common.map((c) => c.ticket!.id))}::uuid[],
                       ${bind(common.map((c) => c.account.kind))}::text[], ${bind(common.map((c) => c.account.id))}::uuid[],
                       ${bind(common.map((c) => c.identityId))}::uuid[], ${bind(common.map((c) => c.msg.text))}::text[],
                       ${bind(common.map((c) => c.msg.html ?? null))}::text[], ${bind(common.map((c) => c.msg.externalId))}::text[],
                       ${bind(common.map((c) => JSON.stringify({ ...(c.msg.meta ?? {}), attachments: c.msg.attachments ?? [] })))}::jsonb[],
                       ${bind(common.map((c) => c.sentAt))}::timestamptz[])
             AS v(id, ticket_id, channel, account_id, identity_id, text, html, external_id, meta, at)
         RETURNING *)`,
    ];
    const rows = await sql.query<MessageRow>(
      `WITH ${ctes.join(',\n')}
       SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
      params,
      // The text differs only by which kinds of timeline event the batch writes.
      { prepareAs: `ingest-batch-write:${[...timeline.keys()].join(',')}` },
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of common) c.messageRow = byId.get(c.messageId);
  }
}

function candidateOf(json: ThreadCandidate): ThreadCandidate {
  return { ...json, solved_at: json.solved_at ? new Date(json.solved_at) : null };
}
