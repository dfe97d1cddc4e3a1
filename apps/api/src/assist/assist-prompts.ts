import type { AssistSummaryParts } from '@switchboard/contracts';
import type { ChatMessage } from './chat-completions-client.js';

export interface TranscriptLine {
  direction: 'in' | 'out';
  kind: 'message' | 'note' | 'hold_note' | 'transfer_note';
  text: string;
}

export interface GroundingArticle {
  title: string;
  url: string;
  text: string;
}

/** What a provider reads of a conversation at most; the oldest lines go first when it is longer. */
const MAX_TRANSCRIPT_CHARS = 16_000;
const MAX_LINE_CHARS = 2_000;
const MAX_ARTICLE_CHARS = 2_500;

const SPEAKER: Record<TranscriptLine['kind'], (direction: 'in' | 'out') => string> = {
  message: (d) => (d === 'in' ? 'Customer' : 'Agent'),
  note: () => 'Internal note',
  hold_note: () => 'Hold note',
  transfer_note: () => 'Transfer note',
};

/** The conversation as plain lines, newest last, cut from the front to fit. */
export function transcript(lines: TranscriptLine[]): string {
  const rendered = lines
    .filter((l) => l.text.trim())
    .map((l) => `${SPEAKER[l.kind](l.direction)}: ${l.text.trim().slice(0, MAX_LINE_CHARS)}`);
  const kept: string[] = [];
  let size = 0;
  for (let i = rendered.length - 1; i >= 0; i--) {
    size += rendered[i].length + 2;
    if (size > MAX_TRANSCRIPT_CHARS && kept.length) {
      kept.unshift('(earlier messages left out)');
      break;
    }
    kept.unshift(rendered[i]);
  }
  return kept.join('\n\n');
}

/** The labels a summary's lines start with: the headings of a handoff note. */
export const SUMMARY_LABELS: Record<keyof AssistSummaryParts, string> = {
  customerWants: 'The customer wants',
  tried: 'What was tried',
  next: 'What comes next',
};

/** The labelled lines of a summary; a part runs until the next label. Null when none is there. */
export function summaryParts(text: string): AssistSummaryParts | null {
  const keys = Object.keys(SUMMARY_LABELS) as Array<keyof AssistSummaryParts>;
  const labels = keys.map((k) => SUMMARY_LABELS[k]).join('|');
  const parts: AssistSummaryParts = { customerWants: '', tried: '', next: '' };
  const pattern = new RegExp(
    `^[*_\\s-]*(${labels})[*_]*:[*_]*[ \\t]*([\\s\\S]*?)(?=^[*_\\s-]*(?:${labels})[*_]*:|(?![\\s\\S]))`,
    'gim',
  );
  let found = false;
  for (const match of text.matchAll(pattern)) {
    const key = keys.find((k) => SUMMARY_LABELS[k].toLowerCase() === match[1].toLowerCase())!;
    parts[key] = match[2].trim();
    found = true;
  }
  return found ? parts : null;
}

/** For the note an agent writes when they hand a ticket on or put it on hold. */
export function summaryPrompt(conversation: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You help support agents hand a ticket to a colleague without the customer repeating themselves.',
        'Summarize the conversation below in exactly three lines of plain text, each starting with its label:',
        `"${SUMMARY_LABELS.customerWants}:" what the customer wants,`,
        `"${SUMMARY_LABELS.tried}:" what has been tried or promised,`,
        `"${SUMMARY_LABELS.next}:" what should happen next.`,
        'Keep placeholders such as [customer] or [email] as they are. Do not invent facts.',
      ].join(' '),
    },
    { role: 'user', content: `Conversation:\n\n${conversation}` },
  ];
}

/** A draft answer to the customer's last message, grounded in numbered help articles. */
export function replyPrompt(conversation: string, articles: GroundingArticle[]): ChatMessage[] {
  const sources = articles.length
    ? articles
        .map((a, i) => `[${i + 1}] ${a.title}\n${a.text.trim().slice(0, MAX_ARTICLE_CHARS)}`)
        .join('\n\n')
    : '(no matching articles)';
  return [
    {
      role: 'system',
      content: [
        'You draft replies for a support agent, who reviews them before anything is sent.',
        "Answer the customer's last message, in the customer's language, politely and briefly.",
        'Use the numbered help articles where they apply and cite each one you use as [n].',
        'Do not promise anything the articles or the conversation do not support.',
        'Keep placeholders such as [customer] or [email] as they are. Write only the reply text.',
      ].join(' '),
    },
    {
      role: 'user',
      content: `Help articles:\n\n${sources}\n\nConversation:\n\n${conversation}\n\nDraft the agent's reply to the customer's last message.`,
    },
  ];
}

/** The articles a draft cites as [n], in the order given. */
export function citedIndexes(text: string, count: number): number[] {
  const cited = new Set<number>();
  for (const match of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(match[1]);
    if (n >= 1 && n <= count) cited.add(n - 1);
  }
  return [...cited].sort((a, b) => a - b);
}

/**
 * Numbers the citations after the cited articles only ([3] becomes [2] when [2] went unused),
 * so a draft's markers match the list of links under it.
 */
export function renumberCitations(text: string, cited: number[]): string {
  return text.replace(/\[(\d{1,2})\]/g, (marker, n: string) => {
    const position = cited.indexOf(Number(n) - 1);
    return position === -1 ? marker : `[${position + 1}]`;
  });
}
