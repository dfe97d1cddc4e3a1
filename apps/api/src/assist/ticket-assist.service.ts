import { Injectable } from '@nestjs/common';
import type {
  AssistPurpose,
  AssistReplyView,
  AssistStatusView,
  AssistSummaryView,
} from '@switchboard/contracts';
import { conflict, forbidden, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { articleBodies, localesFor, matchingArticles } from './article-matches.js';
import {
  citedIndexes,
  renumberCitations,
  replyPrompt,
  summaryParts,
  summaryPrompt,
  transcript,
  type TranscriptLine,
} from './assist-prompts.js';
import { endpointOf, readAssistSettings, type AssistSettings } from './assist-settings.js';
import type { ChatEndpoint, ChatMessage } from './chat-completions-client.js';
import { completeAndLog } from './logged-completion.js';
import { maskPersonalData, restoreName, type PersonalData } from './mask-personal-data.js';

/** Articles a suggested reply may lean on. */
const GROUNDING_ARTICLES = 3;

interface AssistTicket {
  id: string;
  teamId: string | null;
  contactName: string | null;
  contactLanguage: string | null;
  handles: string[];
  lines: TranscriptLine[];
}

/**
 * On-demand AI help on one ticket, for whoever may see it: a summary for a transfer or hold
 * note, and a suggested reply grounded in help articles. Nothing is sent to the customer or
 * stored on the ticket here; the agent decides what to do with the text. Every request that
 * leaves is logged with its token counts, also when the provider fails.
 */
@Injectable()
export class TicketAssistService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async status(): Promise<AssistStatusView> {
    const s = await readAssistSettings(this.db);
    return { enabled: endpointOf(s, this.box) !== null, disabledTeamIds: s.disabledTeamIds };
  }

  async summary(viewer: AuthenticatedViewer, ticketId: string): Promise<AssistSummaryView> {
    const { settings, endpoint, ticket } = await this.prepare(viewer, ticketId);
    if (!ticket.lines.some((l) => l.text.trim()))
      throw conflict('the ticket has no conversation to summarize yet');
    const conversation = this.outgoing(settings, ticket, transcript(ticket.lines));
    const completion = await this.call(viewer, ticket, 'summary', endpoint, summaryPrompt(conversation));
    const text = this.incoming(settings, ticket, completion);
    return { text, parts: summaryParts(text) };
  }

  async reply(viewer: AuthenticatedViewer, ticketId: string): Promise<AssistReplyView> {
    const { settings, endpoint, ticket } = await this.prepare(viewer, ticketId);
    const lastFromCustomer = [...ticket.lines]
      .reverse()
      .find((l) => l.direction === 'in' && l.kind === 'message' && l.text.trim());
    if (!lastFromCustomer) throw conflict('the customer has not written anything to reply to yet');
    const articles = await matchingArticles(
      this.db,
      lastFromCustomer.text,
      await localesFor(this.db, ticket.contactLanguage),
      { limit: GROUNDING_ARTICLES, linkBaseUrl: settings.linkBaseUrl },
    );
    const bodies = await this.articleTexts(articles.map((a) => ({ id: a.id, locale: a.locale })));
    const conversation = this.outgoing(
      settings,
      ticket,
      transcript(ticket.lines.filter((l) => l.kind === 'message')),
    );
    const completion = await this.call(
      viewer,
      ticket,
      'reply',
      endpoint,
      replyPrompt(
        conversation,
        articles.map((a, i) => ({ title: a.title, url: a.url, text: bodies[i] })),
      ),
    );
    const draft = this.incoming(settings, ticket, completion);
    const cited = citedIndexes(draft, articles.length);
    return {
      text: renumberCitations(draft, cited),
      citedArticles: cited.map((i) => ({
        id: articles[i].id,
        title: articles[i].title,
        url: articles[i].url,
      })),
    };
  }

  /** Assist must be on, the ticket visible to the viewer, and its team not opted out. */
  private async prepare(
    viewer: AuthenticatedViewer,
    ticketId: string,
  ): Promise<{ settings: AssistSettings; endpoint: ChatEndpoint; ticket: AssistTicket }> {
    const settings = await readAssistSettings(this.db);
    const endpoint = endpointOf(settings, this.box);
    if (!endpoint) throw conflict('AI assist is off: an admin has to configure and enable it first');
    const ticket = await this.load(viewer, ticketId);
    if (ticket.teamId && settings.disabledTeamIds.includes(ticket.teamId))
      throw forbidden("AI assist is turned off for this ticket's team");
    return { settings, endpoint, ticket };
  }

  private async load(viewer: AuthenticatedViewer, ticketId: string): Promise<AssistTicket> {
    if (!isUuid(ticketId)) throw notFound('ticket not found');
    const params: unknown[] = [ticketId];
    const [row] = await this.db.query<{
      id: string;
      team_id: string | null;
      contact_name: string | null;
      contact_language: string | null;
      handles: string[] | null;
    }>(
      `SELECT t.id, t.team_id, c.name AS contact_name, c.language AS contact_language,
              (SELECT array_agg(i.address) FROM contact_identities i WHERE i.contact_id = c.id) AS handles
         FROM tickets t JOIN contacts c ON c.id = t.contact_id
        WHERE t.id = $1 AND ${visibleTo(viewer, params)}`,
      params,
    );
    if (!row) throw notFound('ticket not found');
    const lines = await this.db.query<TranscriptLine>(
      `SELECT direction, kind, text FROM messages
        WHERE ticket_id = $1 AND kind IN ('message', 'note', 'hold_note', 'transfer_note')
        ORDER BY created_at, id`,
      [ticketId],
    );
    return {
      id: row.id,
      teamId: row.team_id,
      contactName: row.contact_name,
      contactLanguage: row.contact_language,
      handles: row.handles ?? [],
      lines,
    };
  }

  private articleTexts(keys: Array<{ id: string; locale: string }>): Promise<string[]> {
    return articleBodies(this.db, keys);
  }

  private personal(ticket: AssistTicket): PersonalData {
    return { contactName: ticket.contactName, handles: ticket.handles };
  }

  private outgoing(settings: AssistSettings, ticket: AssistTicket, text: string): string {
    return settings.maskPersonalData ? maskPersonalData(text, this.personal(ticket)) : text;
  }

  private incoming(settings: AssistSettings, ticket: AssistTicket, text: string): string {
    return settings.maskPersonalData ? restoreName(text, ticket.contactName) : text;
  }

  private call(
    viewer: AuthenticatedViewer,
    ticket: AssistTicket,
    purpose: AssistPurpose,
    endpoint: ChatEndpoint,
    messages: ChatMessage[],
  ): Promise<string> {
    return completeAndLog(
      this.db,
      { caller: { userId: viewer.userId }, ticketId: ticket.id, purpose },
      endpoint,
      messages,
    );
  }
}
