import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { InboundMessage, IngestPort, IngestResult } from '@switchboard/channel-kit';
import { notFound, statusAfter, type TicketEventType } from '@switchboard/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { Db, type Sql } from '../common/db.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import { inboundHappenings, SlaClockService } from '../sla/sla-clock.service.js';
import {
  MESSAGE_COLUMNS,
  TICKET_COLUMNS,
  toTicketView,
  type MessageRow,
  type TicketRow,
} from '../tickets/ticket-rows.js';
import { appendTicketEvent, BUMP_SEQ, messageInsertSql, TicketTx } from '../tickets/ticket-writer.js';
import { takeSurveyReply } from '../surveys/survey-replies.js';
import { takeOverClaimedIdentity } from '../contacts/identity-linking.js';
import { followMergesSql, isParticipantSql } from '../ticket-merge/merge-threading.js';
import { Metrics } from '../observability/metrics.js';
import { rememberFoldNotice, screenInbound, type InboundScreening } from '../blocklist/inbound-screening.js';
import { normalizeInbound } from './normalize-inbound.js';
import { CommonPathBatch, type BatchItem } from './batch-ingest.js';
import {
  CANDIDATE_COLUMNS,
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

/** The per-contact transaction lock, as SQL over an expression that yields the contact id. */
const CONTACT_LOCK = (contactIdSql: string) =>
  `pg_advisory_xact_lock(hashtextextended(${contactIdSql}::text, 0))::text`;

/** The writer's message INSERT for an inbound message, built once. */
const INBOUND_MESSAGE_INSERT = messageInsertSql({
  id: '$1',
  ticket_id: '$2',
  direction: `'in'`,
  kind: `'message'`,
  channel: '$3',
  channel_account_id: '$4',
  identity_id: '$5',
  text: '$6',
  html: '$7',
  external_id: '$8',
  meta: '$9',
  created_at: '$10',
});

/** The channel account a message arrived on, as the account directory gives it. */
type IngestAccount = NonNullable<Awaited<ReturnType<ChannelAccountsService['get']>>>;

/**
 * The one door for inbound messages from every channel. In ONE transaction: dedupe on
 * (channel account, external id), resolve the contact, thread or open a ticket, append the
 * message, record ticket events and outbox rows. Fan-out happens only after commit, and callers
 * answer their provider only after this resolves, so anything not stored is retried by them.
 */
@Injectable()
export class IngestService implements IngestPort {
  constructor(
    private readonly db: Db,
    private readonly accounts: ChannelAccountsService,
    private readonly events: TicketEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sla: SlaClockService,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.batch = new CommonPathBatch(events, sla, config.reopenWindowSeconds);
  }

  private readonly batch: CommonPathBatch;

  /** Stores one inbound message and counts the outcome per channel for the metrics. */
  async ingest(received: InboundMessage): Promise<IngestResult> {
    const seen = { channel: 'unknown' };
    try {
      const result = await this.store(received, seen);
      this.metrics?.inboundResult(seen.channel, result.duplicate ? 'duplicate' : 'stored');
      return result;
    } catch (err) {
      this.metrics?.inboundResult(seen.channel, 'rejected');
      throw err;
    }
  }

  /**
   * Stores a batch in one transaction, so a mailbox's backlog pays for one commit per batch
   * instead of one per mail. The common path is written set-wise (see CommonPathBatch); the rest
   * goes through the same steps as `ingest`, in order, afterwards. Events are published once
   * everything committed.
   */
  async ingestMany(received: InboundMessage[]): Promise<IngestResult[]> {
    const prepared: BatchItem<IngestAccount>[] = [];
    for (const message of received) {
      const msg = normalizeInbound(message);
      prepared.push({
        msg,
        account: await this.activeAccount(msg.channelAccountId),
        messageId: randomUUID(),
      });
    }
    const pending: PendingEvent[] = [];
    let results: IngestResult[];
    try {
      results = await this.db.tx(async (sql) => {
        const out = await this.batch.store(sql, prepared, pending);
        for (const [i, { msg, account, messageId }] of prepared.entries())
          out[i] ??= await this.storeIn(sql, account, msg, pending, messageId);
        return out as IngestResult[];
      });
    } catch (err) {
      for (const { account } of prepared) this.metrics?.inboundResult(account.kind, 'rejected');
      throw err;
    }
    results.forEach((result, i) =>
      this.metrics?.inboundResult(prepared[i].account.kind, result.duplicate ? 'duplicate' : 'stored'),
    );
    this.events.publish(pending);
    return results;
  }

  private async activeAccount(id: string): Promise<IngestAccount> {
    const account = await this.accounts.get(id);
    if (!account || !account.active) throw notFound('channel account not found');
    return account;
  }

  private async store(received: InboundMessage, seen: { channel: string }): Promise<IngestResult> {
    const msg = normalizeInbound(received);
    const account = await this.activeAccount(msg.channelAccountId);
    seen.channel = account.kind;
    const pending: PendingEvent[] = [];
    const result = await this.db.tx((sql) => this.storeIn(sql, account, msg, pending));
    this.events.publish(pending);
    return result;
  }

  /** One message's dedupe, contact, thread, ticket, message, clocks and outbox rows, in the caller's transaction. */
  private async storeIn(
    sql: Sql,
    account: IngestAccount,
    msg: InboundMessage,
    pending: PendingEvent[],
    messageId: string = randomUUID(),
  ): Promise<IngestResult> {
    // One round trip for the common case: claim the receipt (the dedupe), find the sender's
    // identity and, when both succeed, take the per-contact lock so that concurrent messages
    // of one person thread together. A receipt that already names this message id was claimed
    // for it earlier in the same transaction (a batch that left the message to this path).
    // The workspace's threading settings ride along, so they cost no extra round trip.
    const [first] = await sql.query<{
      claimed: boolean;
      identity_id: string | null;
      contact_id: string | null;
      unverified_claim: boolean | null;
      join_across: string | null;
      reopen_window: string | null;
    }>(
      `WITH receipt AS (
         INSERT INTO inbound_receipts (channel_account_id, external_id, message_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING message_id),
       claim AS (SELECT EXISTS (SELECT 1 FROM receipt) OR EXISTS (
                   SELECT 1 FROM inbound_receipts WHERE channel_account_id = $1 AND external_id = $2 AND message_id = $3) AS claimed),
       identity AS (SELECT id, contact_id, unverified_claim FROM contact_identities WHERE kind = $4 AND address = $5)
       SELECT claim.claimed, i.id AS identity_id, i.contact_id, i.unverified_claim,
              ${THREADING_SETTING_COLUMNS},
              CASE WHEN claim.claimed THEN ${CONTACT_LOCK('i.contact_id')} END AS locked
         FROM claim LEFT JOIN identity i ON true`,
      [account.id, msg.externalId, messageId, msg.from.kind, msg.from.address],
    );
    if (!first.claimed) return this.existing(sql, account.id, msg.externalId);
    const threading = threadingOf(first, this.config.reopenWindowSeconds);

    let contactId = first.contact_id;
    let identityId = first.identity_id;
    let newContact = false;
    if (
      contactId &&
      identityId &&
      first.unverified_claim &&
      msg.from.verified &&
      !(await this.answersOurThread(sql, account.id, contactId, msg))
    ) {
      // The address was only claimed on another channel; its proven owner writes now (not in
      // answer to what we sent there) and gets a contact of their own, with a suggestion to
      // merge if they are the same person.
      ({ contactId, identityId } = await takeOverClaimedIdentity(sql, identityId, contactId, msg.from.name));
      await sql.query(`SELECT ${CONTACT_LOCK('$1::uuid')}`, [contactId]);
      newContact = true;
    } else if (!contactId || !identityId) {
      let created: boolean;
      ({ contactId, identityId, created } = await this.createContact(sql, msg));
      await sql.query(`SELECT ${CONTACT_LOCK('$1::uuid')}`, [contactId]);
      newContact = created;
    }

    // Blocked senders go to the spam view; a contact past the flood limit is folded (one notice).
    const screening = await screenInbound(sql, { contactId, address: msg.from.address });
    const spam = screening.blockedBy !== null;

    // A number answering the survey this account sent them is the answer (see takeSurveyReply).
    if (!newContact && !spam && account.kind !== 'email') {
      const tx = new TicketTx(sql, this.events);
      const reply = await takeSurveyReply(tx, {
        contactId,
        channelAccountId: account.id,
        text: msg.text ?? '',
      });
      pending.push(...tx.events);
      if (reply?.consumed) {
        // The receipt names the survey request: a provider's retry finds it and stores nothing more.
        await sql.query(
          `UPDATE inbound_receipts SET message_id = $3 WHERE channel_account_id = $1 AND external_id = $2`,
          [account.id, msg.externalId, reply.requestId],
        );
        return {
          ticketId: reply.ticketId,
          messageId: reply.requestId,
          duplicate: false,
          ticketCreated: false,
        };
      }
    }

    // A contact created by this very message has no ticket to continue, unless the channel
    // vouched for the sender on a ticket (a colleague on an email thread).
    const found =
      newContact && !msg.ticketHint?.ticketId
        ? null
        : await this.findThread(sql, account, contactId, msg, threading);
    // A message joins a ticket only on its own side of the spam line: a blocked sender's mail
    // never lands in a queue through an old thread, and nobody else's lands in the spam view.
    const target = found && found.spam === spam ? found : null;
    const sentAt = msg.sentAt ?? new Date();
    if (screening.fold && !spam) {
      const folded = await this.storeFolded(sql, {
        account,
        msg,
        messageId,
        identityId,
        contactId,
        target,
        sentAt,
        fold: screening.fold,
        pending,
      });
      if (folded) return folded;
    }
    let ticket: TicketRow;
    let ticketCreated = false;
    if (!target) {
      ticket = await this.openTicket(sql, account, contactId, msg, sentAt, screening.blockedBy);
      ticketCreated = true;
    } else {
      ticket = await this.touchTicket(sql, target, sentAt);
    }
    await this.keepThreadKeys(sql, account.id, msg, ticket.id, contactId);

    const [messageRow] = await sql.query<MessageRow>(
      `WITH m AS (${INBOUND_MESSAGE_INSERT})
       SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [
        messageId,
        ticket.id,
        account.kind,
        account.id,
        identityId,
        msg.text,
        msg.html ?? null,
        msg.externalId,
        { ...(msg.meta ?? {}), attachments: msg.attachments ?? [] },
        sentAt,
      ],
    );

    if (spam) {
      // Kept and searchable in the spam view, but nothing reacts: no SLA clock, no outbox event
      // (so no routing, rules, notifications, acknowledgement or survey), no agent is told.
      if (ticketCreated)
        await this.recordEvent(sql, ticket, 'created', {
          channel: account.kind,
          spam: screening.blockedBy,
        });
      return { ticketId: ticket.id, messageId, duplicate: false, ticketCreated };
    }
    // SLA clocks, same transaction; a ticket a bot holds has none until the bot hands it off.
    if (!ticket.bot_id)
      await this.sla.apply(sql, ticket, inboundHappenings(ticketCreated ? null : target!, ticket.status));
    if (ticketCreated) await this.recordEvent(sql, ticket, 'created', { channel: account.kind });
    else
      for (const event of continuationEvents(target!, ticket, account))
        await this.recordEvent(sql, ticket, event.type, event.data);
    pending.push(
      ...(await this.events.recordMany(
        sql,
        ticket.id,
        { teamId: ticket.team_id, assigneeId: ticket.assignee_id },
        inboundOutboxEvents(ticketCreated, ticket, messageRow),
      )),
    );
    return { ticketId: ticket.id, messageId, duplicate: false, ticketCreated };
  }

  /** The channel's thread keys of this message point at its ticket, so later replies find it. */
  private async keepThreadKeys(
    sql: Sql,
    accountId: string,
    msg: InboundMessage,
    ticketId: string,
    contactId: string,
  ) {
    // One statement for all keys (a round trip per key was a tenth of an email's ingest).
    const keys = threadKeysOf(msg);
    if (keys.length === 0) return;
    await sql.query(
      `INSERT INTO ticket_thread_keys (channel_account_id, thread_key, ticket_id)
       SELECT $1::uuid, key, $3::uuid FROM unnest($2::text[]) AS key
       ON CONFLICT (channel_account_id, thread_key) DO UPDATE SET ticket_id = EXCLUDED.ticket_id
       WHERE ticket_thread_keys.ticket_id IN (SELECT id FROM tickets WHERE contact_id = $4)`,
      [accountId, keys, ticketId, contactId],
    );
  }

  /**
   * A message past the contact's flood limit: stored on the ticket (the window's notice's, else
   * the thread's, else the contact's latest open one) with `meta.foldedBy` naming the notice, but
   * left out of the timeline, the SLA clocks and the outbox. The window's first folded message
   * writes the notice (one timeline event and one `ticket.updated`); the rest add nothing agents
   * see. Null when the contact has no ticket yet to fold into: then the message opens one.
   */
  private async storeFolded(
    sql: Sql,
    input: {
      account: { id: string; kind: string };
      msg: InboundMessage;
      messageId: string;
      identityId: string;
      contactId: string;
      target: ThreadCandidate | null;
      sentAt: Date;
      fold: NonNullable<InboundScreening['fold']>;
      pending: PendingEvent[];
    },
  ): Promise<IngestResult | null> {
    const { account, msg, fold, contactId } = input;
    let ticketId = fold.noticeTicketId ?? input.target?.id ?? null;
    if (!ticketId) {
      const [latest] = await sql.query<{ id: string }>(
        `SELECT id FROM tickets WHERE contact_id = $1 AND spam_at IS NULL AND status <> 'closed'
          ORDER BY updated_at DESC, number DESC LIMIT 1`,
        [contactId],
      );
      ticketId = latest?.id ?? null;
    }
    if (!ticketId) return null;
    let noticeEventId = fold.noticeEventId;
    if (!noticeEventId) {
      const [ticket] = await sql.query<TicketRow>(
        `WITH t AS (UPDATE tickets SET ${BUMP_SEQ} WHERE id = $1 RETURNING *)
         SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
        [ticketId],
      );
      noticeEventId = await appendTicketEvent(sql, 'messages_folded', {
        ticketId,
        seq: ticket.seq,
        data: {
          limit: fold.limit,
          windowSeconds: fold.windowSeconds,
          windowStartedAt: fold.windowStartedAt.toISOString(),
        },
      });
      await rememberFoldNotice(sql, contactId, noticeEventId);
      const view = toTicketView(ticket);
      input.pending.push(
        ...(await this.events.recordMany(
          sql,
          ticketId,
          { teamId: ticket.team_id, assigneeId: ticket.assignee_id },
          [
            {
              name: 'ticket.updated',
              payload: { ticketId, seq: view.seq, changes: { updatedAt: view.updatedAt } },
            },
          ],
        )),
      );
    }
    await this.keepThreadKeys(sql, account.id, msg, ticketId, contactId);
    await sql.query(INBOUND_MESSAGE_INSERT, [
      input.messageId,
      ticketId,
      account.kind,
      account.id,
      input.identityId,
      msg.text,
      msg.html ?? null,
      msg.externalId,
      { ...(msg.meta ?? {}), attachments: msg.attachments ?? [], foldedBy: noticeEventId },
      input.sentAt,
    ]);
    return { ticketId, messageId: input.messageId, duplicate: false, ticketCreated: false };
  }

  private async existing(sql: Sql, accountId: string, externalId: string): Promise<IngestResult> {
    const [row] = await sql.query<{ message_id: string; ticket_id: string }>(
      `SELECT r.message_id, COALESCE(m.ticket_id, s.ticket_id) AS ticket_id FROM inbound_receipts r
         LEFT JOIN messages m ON m.id = r.message_id
         LEFT JOIN survey_requests s ON s.id = r.message_id -- a survey answer stored no message
        WHERE r.channel_account_id = $1 AND r.external_id = $2`,
      [accountId, externalId],
    );
    return { ticketId: row.ticket_id, messageId: row.message_id, duplicate: true, ticketCreated: false };
  }

  /**
   * Whether the message answers a thread of this contact (our mail to the address they gave):
   * then the address's owner is in that conversation, and the claim is settled as proven.
   */
  private async answersOurThread(sql: Sql, accountId: string, contactId: string, msg: InboundMessage) {
    const keys = threadKeysOf(msg);
    const [row] = await sql.query<{ answers: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ticket_thread_keys k JOIN tickets t ON t.id = k.ticket_id
                       WHERE k.channel_account_id = $1 AND k.thread_key = ANY($2) AND t.contact_id = $3)
           OR EXISTS (SELECT 1 FROM tickets WHERE id = $4 AND contact_id = $3) AS answers`,
      [accountId, keys, contactId, msg.ticketHint?.ticketId ?? null],
    );
    if (row.answers)
      await sql.query(
        `UPDATE contact_identities SET unverified_claim = false WHERE kind = $1 AND address = $2`,
        [msg.from.kind, msg.from.address],
      );
    return row.answers;
  }

  /** A new person: a contact and its identity; if another transaction created them first, theirs. */
  private async createContact(
    sql: Sql,
    msg: InboundMessage,
  ): Promise<{ contactId: string; identityId: string; created: boolean }> {
    const [contact] = await sql.query<{ id: string }>(
      `INSERT INTO contacts (name) VALUES ($1) RETURNING id`,
      [msg.from.name ?? null],
    );
    const [inserted] = await sql.query<{ id: string }>(
      `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, $2, $3) ON CONFLICT (kind, address) DO NOTHING RETURNING id`,
      [contact.id, msg.from.kind, msg.from.address],
    );
    if (inserted) return { contactId: contact.id, identityId: inserted.id, created: true };
    // The insert waited for the other transaction's commit: use its contact, drop ours.
    await sql.query(`DELETE FROM contacts WHERE id = $1`, [contact.id]);
    const [winner] = await sql.query<{ id: string; contact_id: string }>(
      `SELECT id, contact_id FROM contact_identities WHERE kind = $1 AND address = $2`,
      [msg.from.kind, msg.from.address],
    );
    return { contactId: winner.contact_id, identityId: winner.id, created: false };
  }

  /**
   * The ticket this message continues: by thread key when the channel has one (only a ticket of
   * the same contact or one taking part in it: a stranger reusing a key must not join someone
   * else's ticket; a ticket merged away continues as the ticket it went into), else the
   * contact's latest open ticket on this account — or, when the workspace joins across channels,
   * on any account of the same team: a team's channels are a visibility boundary, so a message
   * to one team's mailbox never lands on a ticket only another team sees. A message whose thread
   * key finds nothing (a new email thread) joins across channels only a ticket of another
   * account: on its own channel a new thread is a new topic. A solved ticket continues only
   * inside the reopen window; a closed one never does.
   */
  private async findThread(
    sql: Sql,
    account: { id: string; teamId: string | null },
    contactId: string,
    msg: InboundMessage,
    threading: Threading,
  ): Promise<ThreadCandidate | null> {
    const keys = threadKeysOf(msg);
    let candidate: ThreadCandidate | undefined;
    if (msg.ticketHint?.ticketId) {
      [candidate] = await sql.query<ThreadCandidate>(
        `SELECT ${CANDIDATE_COLUMNS} FROM tickets t ${LAST_INBOUND}
          WHERE t.id = ${followMergesSql('$1')} AND (t.contact_id = $2 OR $3::boolean OR ${isParticipantSql('t.id', '$2')})
          FOR UPDATE OF t`,
        [msg.ticketHint.ticketId, contactId, msg.ticketHint.senderVerified === true],
      );
    }
    if (!candidate && msg.threadKey) {
      [candidate] = await sql.query<ThreadCandidate>(
        `SELECT ${CANDIDATE_COLUMNS} FROM ticket_thread_keys k JOIN tickets t ON t.id = k.ticket_id ${LAST_INBOUND}
          WHERE k.channel_account_id = $1 AND k.thread_key = ANY($2) AND (t.contact_id = $3 OR ${isParticipantSql('t.id', '$3')})
          ORDER BY t.updated_at DESC LIMIT 1 FOR UPDATE OF t`,
        [account.id, keys, contactId],
      );
    } else if (!candidate) {
      [candidate] = await sql.query<ThreadCandidate>(
        `SELECT ${CANDIDATE_COLUMNS} FROM tickets t ${LAST_INBOUND}
          WHERE t.contact_id = $1 AND t.status <> 'closed'
            AND (t.channel_account_id = $2 OR ($3::boolean AND t.team_id IS NOT DISTINCT FROM $4::uuid))
          ORDER BY (t.status <> 'solved') DESC, t.updated_at DESC LIMIT 1 FOR UPDATE OF t`,
        [contactId, account.id, threading.joinAcrossChannels, account.teamId],
      );
    }
    const continued = candidate && continues(candidate, threading) ? candidate : null;
    if (continued || !threading.joinAcrossChannels || (!msg.threadKey && !msg.ticketHint?.ticketId))
      return continued;
    // The channel's own thread found nothing open: the contact's open ticket on another channel.
    const [elsewhere] = await sql.query<ThreadCandidate>(
      `SELECT ${CANDIDATE_COLUMNS} FROM tickets t ${LAST_INBOUND}
        WHERE t.contact_id = $1 AND t.channel_account_id <> $2 AND t.status <> 'closed'
          AND t.team_id IS NOT DISTINCT FROM $3::uuid
        ORDER BY (t.status <> 'solved') DESC, t.updated_at DESC LIMIT 1 FOR UPDATE OF t`,
      [contactId, account.id, account.teamId],
    );
    return elsewhere && continues(elsewhere, threading) ? elsewhere : null;
  }

  private async openTicket(
    sql: Sql,
    account: { id: string; kind: string; teamId: string | null },
    contactId: string,
    msg: InboundMessage,
    at: Date,
    spamReason: string | null,
  ): Promise<TicketRow> {
    // The first line of the text stands in for a missing subject: one line, like any subject.
    const subject = newTicketSubject(msg);
    // The account's bot, if one answers there, holds the new ticket: no team sees it until the handoff.
    const [row] = await sql.query<TicketRow>(
      `WITH bot AS (SELECT id FROM bots WHERE channel_account_id = $3 AND active AND $7::text IS NULL),
       t AS (
         INSERT INTO tickets (subject, channel, channel_account_id, contact_id, team_id, last_message_at, last_customer_message_at,
                              bot_id, spam_at, spam_reason)
         VALUES ($1, $2, $3, $4, CASE WHEN EXISTS (SELECT 1 FROM bot) THEN NULL ELSE $5::uuid END, $6, $6, (SELECT id FROM bot),
                 CASE WHEN $7::text IS NOT NULL THEN now() END, $7) RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [
        subject,
        account.kind,
        account.id,
        contactId,
        account.teamId,
        at,
        spamReason ? `blocked_${spamReason}` : null,
      ],
    );
    return row;
  }

  private async touchTicket(sql: Sql, target: ThreadCandidate, at: Date): Promise<TicketRow> {
    const next = statusAfter(target.status, 'customer_message') ?? target.status;
    const [row] = await sql.query<TicketRow>(
      `WITH t AS (
         UPDATE tickets SET status = $2::ticket_status, solved_at = CASE WHEN $2::ticket_status = 'solved' THEN solved_at END,
                last_message_at = GREATEST(last_message_at, $3), last_customer_message_at = GREATEST(last_customer_message_at, $3),
                ${BUMP_SEQ}
          WHERE id = $1 RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [target.id, next, at],
    );
    return row;
  }

  private async recordEvent(
    sql: Sql,
    ticket: TicketRow,
    type: TicketEventType,
    data: Record<string, unknown>,
  ): Promise<void> {
    await appendTicketEvent(sql, type, { ticketId: ticket.id, seq: ticket.seq, data });
  }
}
