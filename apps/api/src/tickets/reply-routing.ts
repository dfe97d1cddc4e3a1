import type { ChannelAccountRef, ChannelAdapterRegistry } from '@switchboard/channel-kit';
import {
  type ChannelTemplateView,
  type ContactIdentityView,
  type PostMessageBody,
  type ReplyAccountView,
  type TicketDetailView,
  type TicketView,
} from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { invalid } from '@switchboard/domain';

/**
 * Which channel account a reply to one of the contact's identities goes through, and
 * the approved WhatsApp templates an agent may send instead of free text.
 *
 * An identity is reached through: the ticket's own account when it can reach that kind of
 * address; else the account the customer last wrote from with that identity; else, for
 * addresses any account of the family can reach (a phone number by SMS, an email address), an
 * active account of that family (the ticket's team's first). Page-, bot- and widget-scoped ids
 * (Messenger, Instagram, Telegram, web chat, API handles) only through an account they wrote to.
 *
 * Reply windows and templates are the channel's business: its adapter answers for them.
 */

/** Which addresses an account's channel sends to, as its adapter says; by default only its own kind's, to those who wrote. */
function addressesOf(
  adapters: ChannelAdapterRegistry,
  accountKind: string,
): { identityKind: string; anyAddress: boolean } {
  return adapters.get(accountKind)?.addresses ?? { identityKind: accountKind, anyAddress: false };
}

interface AccountRow {
  id: string;
  kind: string;
  name: string;
  team_id: string | null;
  created_at: Date;
  config: Record<string, unknown>;
}

interface IdentityRow {
  id: string;
  kind: string;
  address: string;
  opted_out_at: Date | null;
}

interface HistoryRow {
  identity_id: string;
  channel_account_id: string;
  last_in: Date;
}

export interface ReplyRoute {
  channel: string;
  channelAccountId: string;
  identityId: string | null;
  meta: Record<string, unknown> | null;
}

type TicketRef = { contactId: string; channelAccountId: string; teamId: string | null };

const refOf = (account: AccountRow): ChannelAccountRef => ({
  id: account.id,
  kind: account.kind,
  name: account.name,
  config: account.config,
});

/** The approved templates the account's channel offers; null when it sends none. */
export function templatesOf(
  adapters: ChannelAdapterRegistry,
  account: AccountRow,
): ChannelTemplateView[] | null {
  return adapters.get(account.kind)?.replyTemplates?.(refOf(account)) ?? null;
}

/** Loads what routing needs for a contact: identities, active accounts, where each identity last wrote. */
async function load(sql: Sql, contactId: string) {
  const [identities, accounts] = await Promise.all([
    sql.query<IdentityRow>(
      `SELECT id, kind, address, opted_out_at FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`,
      [contactId],
    ),
    sql.query<AccountRow>(
      `SELECT id, kind, name, team_id, created_at, config FROM channel_accounts WHERE active ORDER BY created_at`,
    ),
  ]);
  const history = identities.length
    ? await sql.query<HistoryRow>(
        `SELECT identity_id, channel_account_id, max(created_at) AS last_in FROM messages
          WHERE direction = 'in' AND identity_id = ANY($1::uuid[]) AND channel_account_id IS NOT NULL
          GROUP BY identity_id, channel_account_id ORDER BY last_in DESC`,
        [identities.map((i) => i.id)],
      )
    : [];
  return { identities, accounts, history };
}

function routeFor(
  adapters: ChannelAdapterRegistry,
  identity: IdentityRow,
  ticket: TicketRef,
  accounts: AccountRow[],
  history: HistoryRow[],
): AccountRow | null {
  const wrote = history.filter((h) => h.identity_id === identity.id);
  const reaches = (a: AccountRow) => addressesOf(adapters, a.kind).identityKind === identity.kind;
  const writesFirst = (a: AccountRow) => reaches(a) && addressesOf(adapters, a.kind).anyAddress;
  const own = accounts.find((a) => a.id === ticket.channelAccountId);
  if (own && reaches(own) && (writesFirst(own) || wrote.some((h) => h.channel_account_id === own.id)))
    return own;
  for (const h of wrote) {
    const used = accounts.find((a) => a.id === h.channel_account_id);
    if (used && reaches(used)) return used;
  }
  const family = accounts.filter(writesFirst);
  return (
    family.find((a) => ticket.teamId && a.team_id === ticket.teamId) ??
    family.find((a) => a.team_id === null) ??
    family[0] ??
    null
  );
}

function accountView(
  adapters: ChannelAdapterRegistry,
  account: AccountRow,
  identity: IdentityRow,
  history: HistoryRow[],
  now = new Date(),
): ReplyAccountView {
  const view: ReplyAccountView = { id: account.id, kind: account.kind, name: account.name };
  const last = history.find(
    (h) => h.identity_id === identity.id && h.channel_account_id === account.id,
  )?.last_in;
  const window = adapters.get(account.kind)?.replyWindow?.(refOf(account), last ? new Date(last) : null, now);
  if (window) view.freeFormUntil = window.freeFormUntil?.toISOString() ?? null;
  const templates = templatesOf(adapters, account);
  if (templates) view.templates = templates;
  return view;
}

/** The ticket detail's contact: every identity with `canReply` and the account a reply would use. */
export async function describeReplyRoutes(
  sql: Sql,
  adapters: ChannelAdapterRegistry,
  ticket: TicketView,
): Promise<Pick<TicketDetailView, 'contact' | 'reply'>> {
  const ref: TicketRef = {
    contactId: ticket.contact.id,
    channelAccountId: ticket.channelAccountId,
    teamId: ticket.teamId,
  };
  const [{ identities, accounts, history }, lastUsed, [last]] = await Promise.all([
    load(sql, ref.contactId),
    lastUsedRoute(sql, adapters, { id: ticket.id, channel_account_id: ticket.channelAccountId }),
    sql.query<{ identity_id: string }>(
      `SELECT identity_id FROM messages WHERE ticket_id = $1 AND direction = 'in' AND identity_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
      [ticket.id],
    ),
  ]);
  const views: ContactIdentityView[] = identities.map((identity) => {
    // The default reply follows the customer to the channel they last used (see chooseReplyRoute).
    const account =
      (lastUsed?.identityId === identity.id && accounts.find((a) => a.id === lastUsed.accountId)) ||
      routeFor(adapters, identity, ref, accounts, history);
    return {
      id: identity.id,
      kind: identity.kind,
      address: identity.address,
      canReply: account !== null,
      replyAccount: account ? accountView(adapters, account, identity, history) : null,
      optedOut: identity.opted_out_at !== null,
    };
  });
  return {
    contact: { id: ticket.contact.id, name: ticket.contact.name, identities: views },
    reply: { defaultIdentityId: last?.identity_id ?? null },
  };
}

/**
 * The channel the customer last used on this ticket, when it is not the ticket's own account
 * (an email ticket the customer continued by SMS): replies follow the customer there. Null when
 * they last wrote through the ticket's account, or that account is no longer active.
 */
async function lastUsedRoute(
  sql: Sql,
  adapters: ChannelAdapterRegistry,
  ticket: { id: string | null; channel_account_id: string },
): Promise<{ identityId: string; accountId: string } | null> {
  if (!ticket.id) return null; // a conversation being started has no customer message yet
  const [last] = await sql.query<{
    identity_id: string;
    channel_account_id: string;
    identity_kind: string;
    account_kind: string;
  }>(
    `SELECT m.identity_id, m.channel_account_id, i.kind AS identity_kind, a.kind AS account_kind
       FROM messages m JOIN contact_identities i ON i.id = m.identity_id JOIN channel_accounts a ON a.id = m.channel_account_id AND a.active
      WHERE m.ticket_id = $1 AND m.direction = 'in'
      ORDER BY m.created_at DESC LIMIT 1`,
    [ticket.id],
  );
  if (!last || last.channel_account_id === ticket.channel_account_id) return null;
  if (addressesOf(adapters, last.account_kind).identityKind !== last.identity_kind) return null;
  return { identityId: last.identity_id, accountId: last.channel_account_id };
}

/**
 * Where a reply goes: the identity and template the agent chose, else the channel the customer
 * last used; null for the plain default (the ticket's account, to the address the customer last
 * wrote from). 400 naming the field otherwise.
 */
export async function chooseReplyRoute(
  sql: Sql,
  adapters: ChannelAdapterRegistry,
  ticket: { id: string | null; contact_id: string; channel_account_id: string; team_id: string | null },
  input: Pick<PostMessageBody, 'identityId' | 'template'>,
): Promise<ReplyRoute | null> {
  const lastUsed = input.identityId ? null : await lastUsedRoute(sql, adapters, ticket);
  if (!input.identityId && !input.template && !lastUsed) return null;
  const ref: TicketRef = {
    contactId: ticket.contact_id,
    channelAccountId: ticket.channel_account_id,
    teamId: ticket.team_id,
  };
  let account: AccountRow | null;
  let identityId: string | null;
  if (input.identityId) {
    const { identities, accounts, history } = await load(sql, ref.contactId);
    const identity = identities.find((i) => i.id === input.identityId);
    if (!identity) throw invalid("identityId: not one of this ticket's contact's identities");
    account = routeFor(adapters, identity, ref, accounts, history);
    if (!account)
      throw invalid(
        `identityId: no active channel account can reach the ${identity.kind} identity ${identity.address}`,
      );
    identityId = identity.id;
  } else {
    [account] = await sql.query<AccountRow>(
      `SELECT id, kind, name, team_id, created_at, config FROM channel_accounts WHERE id = $1`,
      [lastUsed?.accountId ?? ref.channelAccountId],
    );
    account ??= null;
    identityId = lastUsed?.identityId ?? null;
  }
  let meta: Record<string, unknown> | null = null;
  if (input.template) {
    const templates = account ? templatesOf(adapters, account) : null;
    if (!account || !templates) {
      throw invalid(
        `template: approved templates are sent on WhatsApp only; this reply goes by ${account?.kind ?? 'no channel'}`,
      );
    }
    const approved = templates.find((t) => t.contentSid === input.template!.contentSid);
    if (!approved)
      throw invalid(
        `template.contentSid: not one of the approved templates of the channel "${account.name}"`,
      );
    const given = input.template.variables ?? {};
    const unknown = Object.keys(given).filter((k) => !approved.variables.includes(k));
    const missing = approved.variables.filter((k) => !given[k]?.trim());
    if (unknown.length)
      throw invalid(`template.variables: "${approved.name}" has no placeholder ${unknown.join(', ')}`);
    if (missing.length)
      throw invalid(`template.variables: "${approved.name}" needs a value for ${missing.join(', ')}`);
    meta = {
      template: {
        contentSid: approved.contentSid,
        name: approved.name,
        ...(approved.variables.length ? { variables: given } : {}),
      },
    };
  }
  return { channel: account!.kind, channelAccountId: account!.id, identityId, meta };
}
