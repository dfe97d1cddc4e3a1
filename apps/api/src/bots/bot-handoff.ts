import type { Sql } from '../common/db.js';
import { articlePath } from '../kb/kb-articles.service.js';
import type { SlaClockService } from '../sla/sla-clock.service.js';
import type { TicketRow } from '../tickets/ticket-rows.js';
import type { TicketTx } from '../tickets/ticket-writer.js';
import type { ArticleHit } from './bot-flow.js';

export type HandoffReason =
  | 'flow'
  | 'customer_asked'
  | 'external'
  | 'bot_unreachable'
  | 'ai_cannot_answer'
  | 'ai_max_turns'
  | 'ai_failed'
  | 'ai_off';

export interface HandoffInput {
  teamId: string | null;
  /** The bot's own account of the conversation (external bots). */
  summary?: string | null;
  /** Answers the bot gathered beyond those its flow session holds. */
  collected?: Record<string, string>;
  reason: HandoffReason;
  /** What exactly went wrong, when the reason is a failure (the provider's error). */
  reasonDetail?: string | null;
}

/** What the receiving team is told: the card above the timeline, in text and as fields. */
export interface HandoffContext {
  bot: { id: string; name: string };
  reason: HandoffReason;
  reasonDetail: string | null;
  summary: string | null;
  customerAsked: string[];
  botAnswered: string[];
  articlesOpened: ArticleHit[];
  articlesOffered: ArticleHit[];
  collected: Record<string, string>;
}

/** Each list on the card keeps its latest entries, each cut short: a card is read at a glance. */
const LIST_LIMIT = 10;
const LINE_LIMIT = 300;
/** Articles opened this long before the ticket started still count as what led to it. */
const ARTICLE_LOOKBACK = '24 hours';

const REASONS: Record<HandoffReason, string> = {
  flow: 'the conversation reached a handoff step',
  customer_asked: 'the customer asked for a person',
  external: 'the bot handed over',
  bot_unreachable: 'the bot could not be reached',
  ai_cannot_answer: 'the help articles do not answer the question',
  ai_max_turns: 'the bot answered as often as it may',
  ai_failed: 'the AI assist endpoint failed',
  ai_off: 'AI assist is not available to the bot',
};

const cut = (text: string) => (text.length > LINE_LIMIT ? `${text.slice(0, LINE_LIMIT - 1)}…` : text);

/**
 * Moves a ticket from its bot to a team, as a transfer agents know: a handoff note on the
 * timeline and a `transferred` event the receiving team sees as the handoff card, saying what
 * the customer asked, what the bot answered, which articles they opened or were offered, and
 * what was collected, so nobody asks again. The ticket enters the team's queue now, and its SLA
 * clocks start now: the time with the bot was the customer being served, not waiting.
 */
export async function handOffToTeam(
  tx: TicketTx,
  sla: SlaClockService,
  ticket: TicketRow,
  bot: { id: string; name: string; handoff_team_id: string | null },
  input: HandoffInput,
): Promise<TicketRow> {
  const context = await gatherContext(tx.sql, ticket, bot, input);
  const note = handoffCardText(context);
  const updated = await tx.touch(
    ticket.id,
    `bot_id = NULL, team_id = COALESCE($2::uuid, (SELECT team_id FROM channel_accounts WHERE id = tickets.channel_account_id))`,
    [input.teamId ?? bot.handoff_team_id],
  );
  await sla.apply(tx.sql, updated, [{ type: 'ticket_created', status: updated.status }]);
  await tx.appendMessage(updated, {
    kind: 'transfer_note',
    text: note,
    authorId: null,
    meta: { botHandoff: context, kbArticles: context.articlesOpened },
  });
  await tx.appendEvent(updated, 'transferred', {
    fromAgentId: null,
    fromTeamId: null,
    toAgentId: null,
    toTeamId: updated.team_id,
    note,
    bot: context.bot,
    reason: input.reason,
    collected: context.collected,
  });
  await tx.sql.query(
    `INSERT INTO bot_sessions (ticket_id, bot_id, finished, collected, handed_off_at) VALUES ($1, $2, true, $3, now())
     ON CONFLICT (ticket_id) DO UPDATE SET finished = true, waiting_on = NULL, collected = $3, handed_off_at = now(), updated_at = now()`,
    [ticket.id, bot.id, JSON.stringify(context.collected)],
  );
  await tx.ticketUpdated(updated, { teamId: updated.team_id, botId: null });
  return updated;
}

async function gatherContext(
  sql: Sql,
  ticket: TicketRow,
  bot: { id: string; name: string },
  input: HandoffInput,
): Promise<HandoffContext> {
  // Chat providers stamp messages to the second (Telegram's `date`), so a customer's quick
  // messages tie on created_at; the writing transaction's id keeps them in the order they arrived.
  const [messages, opened, session] = await Promise.all([
    sql.query<{ direction: 'in' | 'out'; text: string }>(
      `SELECT direction, text FROM messages
        WHERE ticket_id = $1 AND kind = 'message' AND (direction = 'in' OR meta ? 'bot')
        ORDER BY created_at, xmin::text::bigint, id`,
      [ticket.id],
    ),
    // The widget reports the articles its visitor opened; they are this ticket's if opened by
    // the visitor who writes on it, from a little before it started.
    sql.query<{ article_id: string; title: string; locale: string; slug: string }>(
      `WITH visitors AS (
         SELECT DISTINCT (meta->'widget'->>'visitorId')::uuid AS id FROM messages
          WHERE ticket_id = $1 AND direction = 'in' AND meta ? 'widget')
       SELECT e.article_id, tr.title, tr.locale, tr.slug
         FROM (SELECT article_id, min(created_at) AS at FROM kb_widget_events
                WHERE type = 'opened'
                  AND (ticket_id = $1 OR (visitor_id IN (SELECT id FROM visitors)
                                          AND created_at >= $2::timestamptz - interval '${ARTICLE_LOOKBACK}'))
                GROUP BY article_id) e
         JOIN LATERAL (SELECT title, locale, slug FROM kb_translations
                        WHERE article_id = e.article_id AND status = 'published' ORDER BY locale LIMIT 1) tr ON true
        ORDER BY e.at`,
      [ticket.id, ticket.created_at],
    ),
    sql.query<{ collected: Record<string, string>; offered_articles: ArticleHit[] }>(
      `SELECT collected, offered_articles FROM bot_sessions WHERE ticket_id = $1`,
      [ticket.id],
    ),
  ]);
  const latest = (direction: 'in' | 'out') =>
    messages
      .filter((m) => m.direction === direction && m.text.trim())
      .slice(-LIST_LIMIT)
      .map((m) => cut(m.text.trim()));
  return {
    bot: { id: bot.id, name: bot.name },
    reason: input.reason,
    reasonDetail: input.reasonDetail?.trim() || null,
    summary: input.summary?.trim() || null,
    customerAsked: latest('in'),
    botAnswered: latest('out'),
    articlesOpened: opened.map((o) => ({
      id: o.article_id,
      title: o.title,
      url: articlePath(o.locale, o.slug),
    })),
    articlesOffered: (session[0]?.offered_articles ?? []).slice(-LIST_LIMIT),
    collected: { ...(session[0]?.collected ?? {}), ...(input.collected ?? {}) },
  };
}

/** The card as the note agents read. */
export function handoffCardText(c: HandoffContext): string {
  const section = (title: string, lines: string[]) =>
    lines.length ? [title, ...lines.map((l) => `- ${l}`)] : [];
  const collected = Object.entries(c.collected);
  return [
    `Handed over by the bot "${c.bot.name}": ${REASONS[c.reason]}${c.reasonDetail ? ` (${c.reasonDetail})` : ''}.`,
    ...(c.summary ? [`Summary: ${c.summary}`] : []),
    ...section('The customer asked:', c.customerAsked),
    ...section(
      'The bot answered:',
      c.botAnswered.map((t) => t.replace(/\s*\n\s*/g, ' / ')),
    ),
    ...section(
      'Articles the customer opened:',
      c.articlesOpened.map((a) => `${a.title} (${a.url})`),
    ),
    ...section(
      'Articles the bot offered:',
      c.articlesOffered.map((a) => `${a.title} (${a.url})`),
    ),
    ...section(
      'Collected:',
      collected.map(([key, value]) => `${key}: ${value}`),
    ),
  ].join('\n');
}
