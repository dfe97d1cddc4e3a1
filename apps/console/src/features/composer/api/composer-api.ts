import type { CannedReplyView, MessageView, ReplyTemplateInput } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export type ComposerKind = 'reply' | 'note';

/**
 * `extras`: a chosen identity of the contact or an approved template, uploaded
 * files for an email reply; absent for the usual reply.
 */
export function postMessage(
  ticketId: string,
  kind: ComposerKind,
  body: string,
  extras: {
    identityId?: string;
    template?: ReplyTemplateInput;
    attachmentIds?: string[];
    format?: 'text' | 'markdown';
  } = {},
): Promise<MessageView> {
  return api.post<MessageView>(endpoints.messages(ticketId), { kind, body, ...extras });
}

export type CannedReply = Pick<CannedReplyView, 'id' | 'title' | 'body'>;

/** The replies admins manage (`#/admin`); every agent reads them. */
export async function fetchCannedReplies(): Promise<CannedReply[]> {
  const body = await api.get<{ items: CannedReply[] }>(endpoints.cannedReplies);
  return body.items ?? [];
}

export interface CannedContext {
  contact: { name: string | null };
  agent: { name: string };
  ticket: { number: number; subject?: string };
}

/**
 * Fills `{{contact.first_name}}`, `{{agent.name}}`, `{{ticket.number}}` (and a few siblings);
 * unknown variables stay visible so the agent notices them before sending.
 */
export function renderCannedReply(body: string, context: CannedContext): string {
  const contactName = context.contact.name?.trim() ?? '';
  const values: Record<string, string> = {
    'contact.first_name': contactName.split(/\s+/)[0] || 'there',
    'contact.name': contactName || 'there',
    'agent.name': context.agent.name,
    'agent.first_name': context.agent.name.split(/\s+/)[0] ?? context.agent.name,
    'ticket.number': String(context.ticket.number),
    'ticket.subject': context.ticket.subject ?? '',
  };
  return body.replace(
    /\{\{\s*([a-z_.]+)\s*\}\}/gi,
    (match, name: string) => values[name.toLowerCase()] ?? match,
  );
}
