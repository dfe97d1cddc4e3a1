import { Inject, Injectable } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  type ChannelAccountRecord,
  type ChannelAdapter,
  type ChannelAdapterRegistry,
} from '@switchboard/channel-kit';
import {
  asSingleLine,
  type StartConversationBody,
  type StartedConversationView,
} from '@switchboard/contracts';
import { invalid, notFound, type Viewer } from '@switchboard/domain';
import { mayWriteFrom } from '../channel-accounts/channel-account-access.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import type { Sql } from '../common/db.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { chooseReplyRoute } from '../tickets/reply-routing.js';
import { formatReply } from '../tickets/reply-formatting.js';
import { TicketAttachments } from '../tickets/ticket-attachments.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { resolveRecipient, type Recipient } from './recipient.js';
import { addParticipants, mailCopies } from './ticket-participants.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Which addresses the account's channel writes to, as its adapter says (see ChannelAdapter.addresses). */
function addressesOf(adapter: ChannelAdapter, account: ChannelAccountRecord) {
  return adapter.addresses ?? { identityKind: account.kind, anyAddress: false };
}

/**
 * An agent starts a conversation: a ticket for the recipient (a new contact for a new address)
 * and its first message queued for the outbound dispatcher, in one ticket-writer transaction.
 *
 * Whether the channel may write first is its adapter's word: email and SMS may write to any
 * address; others (Telegram, Messenger, the widget) only to people who wrote to this account;
 * a channel with a reply window (WhatsApp) needs an approved template once it has closed.
 *
 * A retried request with the same Idempotency-Key (per agent) answers the ticket the first one
 * opened: the key is claimed under a transaction lock, so two racing requests open one ticket.
 */
@Injectable()
export class StartConversation {
  constructor(
    private readonly writer: TicketWriter,
    private readonly accounts: ChannelAccountsService,
    private readonly sla: SlaClockService,
    private readonly attachments: TicketAttachments,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  async start(
    viewer: Viewer,
    input: StartConversationBody,
    idempotencyKey: string | undefined,
  ): Promise<StartedConversationView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw invalid('Idempotency-Key: must be 1 to 200 visible ASCII characters');
    const account = await this.usableAccount(viewer, input.channelAccountId);
    const adapter = this.adapters.get(account.kind);
    if (!adapter || account.demo)
      throw invalid(`channelAccountId: conversations cannot be started on the channel "${account.name}"`);
    const { identityKind, anyAddress } = addressesOf(adapter, account);

    return this.writer.transaction(async (tx) => {
      if (idempotencyKey) {
        await tx.sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 14))`, [
          `${viewer.userId}\n${idempotencyKey}`,
        ]);
        const earlier = await this.earlier(tx.sql, viewer.userId, idempotencyKey);
        if (earlier) return earlier;
      }
      const recipient = await resolveRecipient(tx.sql, viewer, input.to, identityKind, account.kind);
      const lastInbound = await this.lastInbound(tx.sql, recipient, account.id);
      const templates = adapter.replyTemplates?.(account) ?? null;
      if (!anyAddress && !lastInbound && !(templates && input.template))
        throw invalid(
          templates
            ? `template: ${recipient.identity.address} has never written to "${account.name}", so only an approved template may start the conversation`
            : `to: ${account.kind} can only write to people who have written to "${account.name}" before, and ${recipient.identity.address} never has`,
        );
      const window = adapter.replyWindow?.(account, lastInbound, new Date());
      if (window && !window.freeFormUntil && !input.template)
        throw invalid(
          templates
            ? `template: the customer has not written to "${account.name}" in the last 24 hours, so only an approved template may be sent`
            : `to: the reply window of "${account.name}" with ${recipient.identity.address} has closed`,
        );
      const copies = mailCopies(this.adapters, account.kind, input);
      const emailing = identityKind === 'email';
      if (emailing && !input.subject) throw invalid('subject: an email needs a subject');
      const subject = (
        asSingleLine(input.subject ?? input.body.split('\n')[0]).trim() || '(no subject)'
      ).slice(0, 200);
      // A template is checked against the account's approved list, as for any reply.
      const chosen = input.template
        ? await chooseReplyRoute(
            tx.sql,
            this.adapters,
            {
              id: null,
              contact_id: recipient.contactId,
              channel_account_id: account.id,
              team_id: account.teamId,
            },
            { template: input.template },
          )
        : null;

      // The agent's uploads for this conversation, claimed before anything is written: a wrong id
      // or a channel that cannot carry files refuses the whole start.
      const fileIds = input.attachmentIds ?? [];
      const files = await this.attachments.claim(tx.sql, viewer, null, fileIds, account.kind);
      const opened = await tx.open({
        subject,
        channel: account.kind,
        channelAccountId: account.id,
        contactId: recipient.contactId,
        teamId: account.teamId,
        assigneeId: viewer.userId, // who starts a conversation owns it
        actorId: viewer.userId,
      });
      // The first word was ours: the ticket waits on the customer.
      const ticket = await tx.transition(opened, 'pending', 'agent', { sets: 'first_response_at = now()' });
      await this.sla.apply(tx.sql, ticket, [
        { type: 'ticket_created', status: 'pending' },
        { type: 'agent_reply' },
      ]);
      await tx.ticketUpdated(ticket, { status: ticket.status });
      const body = formatReply(input.body, undefined, account.kind);
      const message = await tx.appendMessage(ticket, {
        kind: 'message',
        text: body.text,
        html: body.html,
        authorId: viewer.userId,
        outbound: true,
        route: {
          channel: account.kind,
          channelAccountId: account.id,
          identityId: recipient.identity.id,
          meta: { ...(chosen?.meta ?? {}), ...(copies ?? {}) },
        },
        meta: files.length ? { attachments: files } : null,
      });
      await this.attachments.link(tx.sql, fileIds, message.id);
      if (copies) await addParticipants(tx.sql, ticket.id, 'email', copies.cc, viewer.userId);
      if (idempotencyKey)
        await tx.sql.query(
          `INSERT INTO ticket_start_requests (user_id, idempotency_key, ticket_id, message_id) VALUES ($1, $2, $3, $4)`,
          [viewer.userId, idempotencyKey, ticket.id, message.id],
        );
      return {
        ticketId: ticket.id,
        number: Number(ticket.number),
        messageId: message.id,
        contactId: recipient.contactId,
        replayed: false,
      };
    });
  }

  /** The channel accounts the viewer may start conversations on: active, of their teams or shared. */
  async usableAccounts(
    viewer: Viewer,
  ): Promise<Array<{ id: string; kind: string; name: string; teamId: string | null }>> {
    const all = await this.accounts.list();
    return all
      .filter((a) => a.active && !a.demo && this.adapters.get(a.kind) && mayWriteFrom(viewer, a.teamId))
      .map((a) => ({ id: a.id, kind: a.kind, name: a.name, teamId: a.teamId }));
  }

  /** An active account the viewer may send from; 404 for one of another team, as for anything unseen. */
  private async usableAccount(viewer: Viewer, id: string): Promise<ChannelAccountRecord> {
    const account = await this.accounts.get(id);
    if (!account || !account.active || !mayWriteFrom(viewer, account.teamId))
      throw notFound('channel account not found');
    return account;
  }

  private async earlier(sql: Sql, userId: string, key: string): Promise<StartedConversationView | null> {
    const [row] = await sql.query<{
      ticket_id: string;
      number: string;
      message_id: string;
      contact_id: string;
    }>(
      `SELECT r.ticket_id, t.number, r.message_id, t.contact_id FROM ticket_start_requests r JOIN tickets t ON t.id = r.ticket_id
        WHERE r.user_id = $1 AND r.idempotency_key = $2`,
      [userId, key],
    );
    return row
      ? {
          ticketId: row.ticket_id,
          number: Number(row.number),
          messageId: row.message_id,
          contactId: row.contact_id,
          replayed: true,
        }
      : null;
  }

  private async lastInbound(sql: Sql, recipient: Recipient, accountId: string): Promise<Date | null> {
    const [row] = await sql.query<{ at: Date | null }>(
      `SELECT max(created_at) AS at FROM messages WHERE direction = 'in' AND identity_id = $1 AND channel_account_id = $2`,
      [recipient.identity.id, accountId],
    );
    return row?.at ? new Date(row.at) : null;
  }
}
