import { Inject, Injectable, Logger } from '@nestjs/common';
import { BotAiSettings } from '@switchboard/contracts';
import { articleBodies, localesFor, matchingArticles } from '../assist/article-matches.js';
import {
  renumberCitations,
  summaryPrompt,
  transcript,
  type TranscriptLine,
} from '../assist/assist-prompts.js';
import { readAssistSettings, type AssistSettings } from '../assist/assist-settings.js';
import { botAnswerPrompt, parseBotAnswer, type BotAnswer } from '../assist/bot-answer.js';
import { AssistProviderError, type ChatEndpoint } from '../assist/chat-completions-client.js';
import { completeAndLog } from '../assist/logged-completion.js';
import { maskPersonalData, restoreName, type PersonalData } from '../assist/mask-personal-data.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import type { TicketRow } from '../tickets/ticket-rows.js';
import { aiBotAvailability } from './ai-bot-availability.js';
import { AGENT_CHOICE, showsButtons, type ArticleHit } from './bot-flow.js';
import { handOffToTeam, type HandoffInput } from './bot-handoff.js';
import type { BotRow } from './bots.service.js';
import { LeasedWorkLoop } from './leased-work-loop.js';

/** Turns of different tickets answered at once: each mostly waits on the model. */
const BATCH = 4;
/** Articles an answer may rest on. */
const GROUNDING_ARTICLES = 3;
/** A turn that failed this often for reasons other than the provider (a bug, the database) goes to a person. */
const MAX_ATTEMPTS = 3;
/** The lease covers the model call at its timeout plus the database work around it. */
const LEASE_MARGIN_SECONDS = 60;

interface TurnRow {
  id: string;
  bot_id: string;
  ticket_id: string;
  message_id: string;
  attempts: number;
}

interface Conversation {
  ticket: { id: string; botId: string | null; channel: string; contactLanguage: string | null };
  personal: PersonalData;
  question: string;
  lines: TranscriptLine[];
  botAnswers: number;
}

/** What the bot does on the ticket once the model (or its absence) has spoken. */
type Outcome =
  | { type: 'reply'; text: string; cited: ArticleHit[] }
  | { type: 'handoff'; farewell: string | null; input: Omit<HandoffInput, 'teamId'> };

/**
 * AI bots answer here. The bot runner queues a turn for each customer message on a ticket an AI
 * bot holds (in the outbox consumer's transaction); this loop claims turns with a lease, asks the
 * configured assist endpoint outside any transaction, and writes the answer or the handoff through
 * the ticket writer in one transaction with the turn's "done", so a crash delays an answer, never
 * doubles it. The model answers only from help articles in the contact's language; when they do
 * not answer, when the bot has answered as often as it may, or when the endpoint fails or assist
 * is off, the ticket goes to a person with the reason, so nobody is left waiting.
 */
@Injectable()
export class AiBotResponder extends LeasedWorkLoop {
  protected readonly logger = new Logger('AiBot');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {
    super(config);
  }

  protected async runDue(): Promise<boolean> {
    return (await this.answerDue()) === BATCH;
  }

  /** Claims the due turns (only the oldest open one per ticket: a conversation is answered in order) and answers them. */
  async answerDue(): Promise<number> {
    const settings = await readAssistSettings(this.db);
    const turns = await this.db.query<TurnRow>(
      `WITH due AS (
         SELECT t.id FROM ai_bot_turns t
          WHERE t.done_at IS NULL AND (t.locked_until IS NULL OR t.locked_until < now())
            AND NOT EXISTS (SELECT 1 FROM ai_bot_turns p
                             WHERE p.ticket_id = t.ticket_id AND p.done_at IS NULL AND p.id < t.id)
          ORDER BY t.id LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE ai_bot_turns d SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.bot_id, d.ticket_id, d.message_id, d.attempts`,
      [BATCH, settings.timeoutSeconds + LEASE_MARGIN_SECONDS],
    );
    await Promise.all(
      turns.map((turn) =>
        this.answer(turn).catch((err: Error) =>
          // The lease runs out and the turn is tried again; after a few tries a person takes it.
          this.logger.warn(`AI bot turn ${turn.id} failed: ${err.message}`),
        ),
      ),
    );
    return turns.length;
  }

  private async answer(turn: TurnRow): Promise<void> {
    const [bot] = await this.db.query<BotRow>(`SELECT * FROM bots WHERE id = $1`, [turn.bot_id]);
    const conversation = await this.load(turn);
    if (!bot || !conversation || conversation.ticket.botId !== bot.id) return this.commit(turn, null, null); // a person has the ticket now (or it is gone)
    const outcome =
      turn.attempts > MAX_ATTEMPTS
        ? handoff('ai_failed', `the bot could not answer in ${MAX_ATTEMPTS} attempts`)
        : await this.decide(bot, conversation);
    await this.commit(turn, bot, outcome);
  }

  private async decide(bot: BotRow, c: Conversation): Promise<Outcome> {
    const availability = await aiBotAvailability(this.db, this.box, {
      handoffTeamId: bot.handoff_team_id,
      channelAccountId: bot.channel_account_id,
    });
    // No request leaves while assist is off for the bot: the customer goes to a person at once.
    if (!availability.ok) return handoff('ai_off', availability.reason);
    const { settings, endpoint } = availability;
    const ai = bot.ai ?? BotAiSettings.parse({});
    if (c.botAnswers >= ai.maxTurns) {
      const summary = await this.summarize(bot, c, settings, endpoint);
      return { type: 'handoff', farewell: null, input: { reason: 'ai_max_turns', summary } };
    }

    const articles = await matchingArticles(
      this.db,
      c.question,
      await localesFor(this.db, c.ticket.contactLanguage),
      { limit: GROUNDING_ARTICLES, linkBaseUrl: settings.linkBaseUrl },
    );
    const bodies = await articleBodies(
      this.db,
      articles.map((a) => ({ id: a.id, locale: a.locale })),
    );
    let answer: BotAnswer | null;
    try {
      const text = await completeAndLog(
        this.db,
        { caller: { botId: bot.id }, ticketId: c.ticket.id, purpose: 'bot_reply' },
        endpoint,
        botAnswerPrompt(
          this.outgoing(settings, c, transcript(c.lines)),
          articles.map((a, i) => ({ title: a.title, url: a.url, text: bodies[i] })),
          ai.instructions,
        ),
      );
      answer = parseBotAnswer(text, articles.length);
    } catch (error) {
      if (error instanceof AssistProviderError) return handoff('ai_failed', error.message);
      throw error;
    }
    if (!answer) return handoff('ai_failed', "the model's answer could not be read");
    const reply = this.incoming(settings, c, answer.reply);
    const summary = answer.summary ? this.incoming(settings, c, answer.summary) : null;
    if (answer.handoff)
      return { type: 'handoff', farewell: reply || null, input: { reason: 'ai_cannot_answer', summary } };
    const cited = answer.cited.map((i) => ({
      id: articles[i].id,
      title: articles[i].title,
      url: articles[i].url,
    }));
    const links = cited.map((a, n) => `[${n + 1}] ${a.title}: ${a.url}`);
    return {
      type: 'reply',
      text: [renumberCitations(reply, answer.cited), ...(links.length ? ['', ...links] : [])].join('\n'),
      cited,
    };
  }

  /** The person taking over after the bot's last allowed answer gets a summary; without one if the call fails. */
  private async summarize(
    bot: BotRow,
    c: Conversation,
    settings: AssistSettings,
    endpoint: ChatEndpoint,
  ): Promise<string | null> {
    try {
      const text = await completeAndLog(
        this.db,
        { caller: { botId: bot.id }, ticketId: c.ticket.id, purpose: 'summary' },
        endpoint,
        summaryPrompt(this.outgoing(settings, c, transcript(c.lines))),
      );
      return this.incoming(settings, c, text);
    } catch (error) {
      if (error instanceof AssistProviderError) return null;
      throw error;
    }
  }

  /** The answer or the handoff, with the turn's "done", in one transaction; nothing if the turn was done meanwhile. */
  private async commit(turn: TurnRow, bot: BotRow | null, outcome: Outcome | null): Promise<void> {
    await this.writer.transaction(async (tx) => {
      const [open] = await tx.sql.query(
        `SELECT 1 FROM ai_bot_turns WHERE id = $1 AND done_at IS NULL FOR UPDATE`,
        [turn.id],
      );
      if (!open) return;
      const ticket = await tx.lock(turn.ticket_id);
      const holds = bot && outcome && ticket?.bot_id === bot.id;
      if (holds) await this.perform(tx, ticket, bot, outcome);
      await tx.sql.query(
        `UPDATE ai_bot_turns SET done_at = now(), locked_until = NULL, outcome = $2 WHERE id = $1`,
        [turn.id, holds ? outcome.type : 'skipped'],
      );
    });
  }

  private async perform(tx: TicketTx, ticket: TicketRow, bot: BotRow, outcome: Outcome): Promise<void> {
    let current = ticket;
    const text = outcome.type === 'reply' ? outcome.text : outcome.farewell;
    if (text) {
      current = await tx.touch(ticket.id);
      const reply = outcome.type === 'reply';
      await tx.appendMessage(current, {
        kind: 'message',
        text,
        authorId: null,
        outbound: true,
        meta: {
          bot: { id: bot.id, name: bot.name },
          // The way to a person is always one button away.
          ...(reply && showsButtons(ticket.channel) ? { choices: [{ ...AGENT_CHOICE }] } : {}),
          ...(reply && outcome.cited.length ? { kbArticles: outcome.cited } : {}),
        },
      });
    }
    if (outcome.type === 'reply') {
      if (outcome.cited.length) await this.rememberCited(tx, ticket.id, bot.id, outcome.cited);
      return;
    }
    await handOffToTeam(tx, this.sla, current, bot, { ...outcome.input, teamId: null });
  }

  /** The cited articles join the session's offered ones: the handoff card lists them. */
  private async rememberCited(
    tx: TicketTx,
    ticketId: string,
    botId: string,
    cited: ArticleHit[],
  ): Promise<void> {
    const [session] = await tx.sql.query<{ offered_articles: ArticleHit[] }>(
      `SELECT offered_articles FROM bot_sessions WHERE ticket_id = $1 FOR UPDATE`,
      [ticketId],
    );
    const known = session?.offered_articles ?? [];
    const offered = [...known, ...cited.filter((a) => !known.some((k) => k.id === a.id))];
    await tx.sql.query(
      `INSERT INTO bot_sessions (ticket_id, bot_id, offered_articles) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET offered_articles = $3, updated_at = now()`,
      [ticketId, botId, JSON.stringify(offered)],
    );
  }

  /** The ticket, its customer's data to mask, the message to answer and the conversation so far. */
  private async load(turn: TurnRow): Promise<Conversation | null> {
    const [row] = await this.db.query<{
      id: string;
      bot_id: string | null;
      channel: string;
      contact_name: string | null;
      contact_language: string | null;
      handles: string[] | null;
      question: string | null;
    }>(
      `SELECT t.id, t.bot_id, t.channel, c.name AS contact_name, c.language AS contact_language,
              (SELECT array_agg(i.address) FROM contact_identities i WHERE i.contact_id = c.id) AS handles,
              (SELECT m.text FROM messages m WHERE m.id = $2) AS question
         FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1`,
      [turn.ticket_id, turn.message_id],
    );
    if (!row) return null;
    const lines = await this.db.query<TranscriptLine & { bot_id: string | null }>(
      `SELECT direction, kind, text, meta->'bot'->>'id' AS bot_id FROM messages
        WHERE ticket_id = $1 AND kind = 'message'
        ORDER BY created_at, xmin::text::bigint, id`,
      [turn.ticket_id],
    );
    return {
      ticket: { id: row.id, botId: row.bot_id, channel: row.channel, contactLanguage: row.contact_language },
      personal: { contactName: row.contact_name, handles: row.handles ?? [] },
      question: row.question ?? '',
      lines,
      botAnswers: lines.filter((l) => l.direction === 'out' && l.bot_id === turn.bot_id).length,
    };
  }

  private outgoing(settings: AssistSettings, c: Conversation, text: string): string {
    return settings.maskPersonalData ? maskPersonalData(text, c.personal) : text;
  }

  private incoming(settings: AssistSettings, c: Conversation, text: string): string {
    return settings.maskPersonalData ? restoreName(text, c.personal.contactName) : text;
  }
}

const handoff = (reason: HandoffInput['reason'], detail: string): Outcome => ({
  type: 'handoff',
  farewell: null,
  input: { reason, reasonDetail: detail },
});
