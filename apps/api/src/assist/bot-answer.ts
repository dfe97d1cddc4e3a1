import type { GroundingArticle } from './assist-prompts.js';
import type { ChatMessage } from './chat-completions-client.js';

const MAX_ARTICLE_CHARS = 2_500;

/** What an AI bot's model call comes back with, once read. */
export interface BotAnswer {
  /** The text for the customer (when handing off, a line saying a person takes over). */
  reply: string;
  /** Indexes (from 0) of the articles the reply rests on. */
  cited: number[];
  /** The articles do not answer the question: a person has to. */
  handoff: boolean;
  /** For the person who takes over: what the customer wants and what the bot said. */
  summary: string | null;
}

/**
 * The customer's last message answered directly, with no person in between: so the model may use
 * only the numbered articles, and says so (`handoff: true`) when they do not answer the question
 * rather than guessing. It answers in one JSON object, so the runner can tell an answer from a
 * handoff without reading prose.
 */
export function botAnswerPrompt(
  conversation: string,
  articles: GroundingArticle[],
  instructions: string,
): ChatMessage[] {
  const sources = articles.length
    ? articles
        .map((a, i) => `[${i + 1}] ${a.title}\n${a.text.trim().slice(0, MAX_ARTICLE_CHARS)}`)
        .join('\n\n')
    : '(no matching articles)';
  return [
    {
      role: 'system',
      content: [
        'You are a support bot answering a customer directly on their channel; nobody reviews your answer before it is sent.',
        "Answer the customer's last message using ONLY the numbered help articles. Never use other knowledge, never guess, never promise anything the articles do not say.",
        'If the articles do not answer the question, or the customer needs something only a person can do, hand off to a person.',
        "Write in the customer's language, politely and briefly, and cite each article you use as [n].",
        'Keep placeholders such as [customer] or [email] as they are.',
        'Answer with one JSON object and nothing else:',
        '{"reply": "text for the customer (when handing off: one short line that a colleague takes over)",',
        '"cited": [numbers of the articles the reply uses], "handoff": true or false,',
        '"summary": "one or two sentences for the colleague: what the customer wants and what you answered"}',
        ...(instructions.trim() ? [`Instructions from the business: ${instructions.trim()}`] : []),
      ].join(' '),
    },
    {
      role: 'user',
      content: `Help articles:\n\n${sources}\n\nConversation:\n\n${conversation}\n\nAnswer the customer's last message as the JSON object.`,
    },
  ];
}

/**
 * The model's JSON answer (also inside a code fence or after a sentence, as smaller models write
 * it); null when there is no such object. Citations outside the list are dropped; an answer that
 * cites no article while none matched is a handoff, since it cannot be grounded.
 */
export function parseBotAnswer(text: string, articleCount: number): BotAnswer | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const reply = typeof raw.reply === 'string' ? raw.reply.trim() : '';
  const handoff = raw.handoff === true || raw.handoff === 'true';
  if (!reply && !handoff) return null;
  const listed = Array.isArray(raw.cited) ? raw.cited : Array.isArray(raw.articleIds) ? raw.articleIds : [];
  const fromMarkers = [...reply.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1]));
  const cited = [...new Set([...listed.map(Number), ...fromMarkers])]
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= articleCount)
    .map((n) => n - 1)
    .sort((a, b) => a - b);
  const summary = typeof raw.summary === 'string' && raw.summary.trim() ? raw.summary.trim() : null;
  return { reply, cited, handoff: handoff || articleCount === 0, summary };
}
