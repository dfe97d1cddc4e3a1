import type { BotFlow, BotFlowStep } from '@switchboard/contracts';

/**
 * The flow graph of a flow bot: checking it when an admin saves it, and walking it as the
 * customer answers. Pure: what the walk needs from outside (a knowledge base search) is passed
 * in, and what it decides comes back as actions the runner performs in the ticket's transaction.
 */

/** The answer of the button every choice list carries, and the word a customer may type, to reach a person. */
export const AGENT_CHOICE = { label: 'Talk to a person', value: 'agent' } as const;
const ASKS_FOR_PERSON = /^\s*(agent|human|person|operator|talk to a person)\s*[.!]?\s*$/i;

export function asksForPerson(text: string): boolean {
  return ASKS_FOR_PERSON.test(text);
}

/** The steps a step may lead to. */
function exits(step: BotFlowStep): string[] {
  switch (step.type) {
    case 'buttons':
      return [...step.options.map((o) => o.next ?? step.next), step.next].filter((n): n is string => !!n);
    case 'branch':
      return [...step.cases.map((c) => c.next), step.otherwise];
    case 'handoff':
      return [];
    default:
      return step.next ? [step.next] : [];
  }
}

/** Where each exit is written, for a refusal that points at it. */
function exitFields(step: BotFlowStep): Array<{ field: string; target: string }> {
  const out: Array<{ field: string; target: string }> = [];
  if (step.type === 'buttons')
    step.options.forEach((o, i) => o.next && out.push({ field: `options[${i}].next`, target: o.next }));
  if (step.type === 'branch') {
    step.cases.forEach((c, i) => out.push({ field: `cases[${i}].next`, target: c.next }));
    out.push({ field: 'otherwise', target: step.otherwise });
  } else if (step.type !== 'handoff' && step.next) out.push({ field: 'next', target: step.next });
  return out;
}

/**
 * Why the flow cannot run, or null: steps with the same id, a start or an exit that names no
 * step, a loop (a customer could go round it forever), an answer pattern that is no regular
 * expression, a branch on an answer no step collects.
 */
export function flowProblem(flow: BotFlow): string | null {
  const byId = new Map<string, BotFlowStep>();
  for (const [i, step] of flow.steps.entries()) {
    if (byId.has(step.id)) return `steps[${i}].id: another step is also called "${step.id}"`;
    byId.set(step.id, step);
  }
  if (!byId.has(flow.start)) return `start: no step is called "${flow.start}"`;
  for (const [i, step] of flow.steps.entries()) {
    for (const { field, target } of exitFields(step))
      if (!byId.has(target)) return `steps[${i}].${field}: no step is called "${target}" (missing step)`;
    if (step.type === 'ask' && step.pattern) {
      try {
        new RegExp(step.pattern);
      } catch {
        return `steps[${i}].pattern: not a regular expression`;
      }
    }
  }
  const collected = new Set(
    flow.steps.flatMap((s) => (s.type === 'ask' || (s.type === 'buttons' && s.saveAs) ? [s.saveAs!] : [])),
  );
  for (const [i, step] of flow.steps.entries())
    if (step.type === 'branch' && !collected.has(step.on))
      return `steps[${i}].on: no step collects an answer called "${step.on}"`;
  const loop = findLoop(flow.steps, byId);
  if (loop) return `steps form a loop: ${loop.join(' → ')}`;
  return null;
}

/** A cycle of step ids (first id repeated at the end), or null; depth-first with colours. */
function findLoop(steps: BotFlowStep[], byId: Map<string, BotFlowStep>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const target of new Set(exits(byId.get(id)!))) {
      const loop = visit(target);
      if (loop) return loop;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of steps) {
    const loop = visit(step.id);
    if (loop) return loop;
  }
  return null;
}

/** Where a conversation with the flow stands, kept per ticket. */
export interface FlowSession {
  /** The step waiting for the customer's answer; null before the first message and after the end. */
  waitingOn: string | null;
  collected: Record<string, string>;
  /** The flow ran to a step without a next one: a new message starts it over. */
  finished: boolean;
  /** The message that started the conversation, which a knowledge base step searches for by default. */
  question: string | null;
}

export interface ArticleHit {
  id: string;
  title: string;
  url: string;
}

export type FlowAction =
  | { type: 'send'; text: string; choices?: Array<{ label: string; value: string }>; articles?: ArticleHit[] }
  | { type: 'store'; on: 'ticket' | 'contact'; field: string; value: string }
  | { type: 'handoff'; teamId: string | null; reason: 'flow' | 'customer_asked' }
  | { type: 'finish' };

export interface FlowDeps {
  searchKb(query: string, locale: string | null): Promise<ArticleHit[]>;
}

/** Longer than any acyclic flow can be: a safety net, since saved flows are checked for loops. */
const MAX_STEPS_PER_MESSAGE = 200;

/**
 * One customer message through the flow: the answer to the step that waits, if any, then the
 * steps that follow until one waits again, hands off, or the flow ends. Typing "agent" (or
 * pressing the button every choice list has) hands off at once, wherever the flow is.
 */
export async function advanceFlow(
  flow: BotFlow,
  session: FlowSession,
  message: string,
  deps: FlowDeps,
): Promise<{ session: FlowSession; actions: FlowAction[] }> {
  const actions: FlowAction[] = [];
  const collected = { ...session.collected };
  let question = session.question;
  if (asksForPerson(message)) {
    actions.push({ type: 'handoff', teamId: null, reason: 'customer_asked' });
    return { session: { ...session, waitingOn: null, collected, finished: true }, actions };
  }
  const byId = new Map(flow.steps.map((s) => [s.id, s]));
  let nextId: string | undefined;
  const waiting = session.waitingOn && !session.finished ? byId.get(session.waitingOn) : undefined;
  if (waiting?.type === 'buttons') {
    const chosen = pickOption(waiting.options, message);
    if (!chosen) {
      actions.push({
        type: 'send',
        text: `Please choose one of the options.\n${waiting.text}`,
        choices: choicesOf(waiting.options),
      });
      return { session: { ...session, collected }, actions };
    }
    if (waiting.saveAs) collected[waiting.saveAs] = chosen.value ?? chosen.label;
    nextId = chosen.next ?? waiting.next;
  } else if (waiting?.type === 'ask') {
    const answer = message.trim();
    if (waiting.pattern && !new RegExp(waiting.pattern).test(answer)) {
      actions.push({ type: 'send', text: waiting.retryText ?? waiting.text });
      return { session: { ...session, collected }, actions };
    }
    collected[waiting.saveAs] = answer;
    if (waiting.store) actions.push({ type: 'store', ...waiting.store, value: answer });
    nextId = waiting.next;
  } else {
    nextId = flow.start; // a new conversation, or one the flow had finished
    question = message.trim();
  }
  const rest = (waitingOn: string | null, finished: boolean): FlowSession => ({
    waitingOn,
    collected,
    finished,
    question,
  });

  for (let walked = 0; walked < MAX_STEPS_PER_MESSAGE; walked++) {
    const step = nextId ? byId.get(nextId) : undefined;
    if (!step) {
      actions.push({ type: 'finish' });
      return { session: rest(null, true), actions };
    }
    switch (step.type) {
      case 'send_text':
        actions.push({ type: 'send', text: step.text });
        nextId = step.next;
        break;
      case 'buttons':
        actions.push({ type: 'send', text: step.text, choices: choicesOf(step.options) });
        return { session: rest(step.id, false), actions };
      case 'ask':
        actions.push({ type: 'send', text: step.text });
        return { session: rest(step.id, false), actions };
      case 'search_kb': {
        const query = step.query ? (collected[step.query] ?? '') : (question ?? message);
        const hits = query.trim() ? await deps.searchKb(query, step.locale ?? null) : [];
        if (hits.length)
          actions.push({
            type: 'send',
            text: [
              step.text ?? 'These articles may help:',
              ...hits.map((h) => `- ${h.title}: ${h.url}`),
            ].join('\n'),
            articles: hits,
          });
        else if (step.noResultsText) actions.push({ type: 'send', text: step.noResultsText });
        nextId = step.next;
        break;
      }
      case 'branch': {
        const value = (collected[step.on] ?? '').trim().toLowerCase();
        const match = step.cases.find((c) =>
          c.equals !== undefined
            ? value === c.equals.trim().toLowerCase()
            : !!c.contains && value.includes(c.contains.trim().toLowerCase()),
        );
        nextId = match ? match.next : step.otherwise;
        break;
      }
      case 'handoff':
        if (step.text) actions.push({ type: 'send', text: step.text });
        actions.push({ type: 'handoff', teamId: step.teamId ?? null, reason: 'flow' });
        return { session: rest(null, true), actions };
    }
  }
  throw new Error('the flow did not come to rest: is it checked for loops?');
}

type Option = { label: string; value?: string; next?: string };

/** The option the customer chose: its value or label, or its number in the list. */
function pickOption(options: Option[], message: string): Option | null {
  const said = message.trim().toLowerCase();
  const byNumber = /^\d+$/.test(said) ? options[Number(said) - 1] : undefined;
  return (
    options.find((o) => (o.value ?? o.label).toLowerCase() === said || o.label.toLowerCase() === said) ??
    byNumber ??
    null
  );
}

/** The buttons as a channel shows them, always with the way to a person last. */
function choicesOf(options: Option[]): Array<{ label: string; value: string }> {
  return [...options.map((o) => ({ label: o.label, value: o.value ?? o.label })), { ...AGENT_CHOICE }];
}

/** Channels that show answer buttons (the widget, Telegram's inline keyboard, Meta's quick replies). */
const BUTTON_CHANNELS = new Set(['web_chat', 'telegram', 'messenger', 'instagram']);

export function showsButtons(channel: string): boolean {
  return BUTTON_CHANNELS.has(channel);
}

/**
 * A question with buttons as the channel can show it: elsewhere (SMS, WhatsApp, email) the
 * options become numbered lines, and the customer answers with the number or the word.
 */
export function questionText(channel: string, text: string, choices?: Array<{ label: string }>): string {
  if (!choices?.length || BUTTON_CHANNELS.has(channel)) return text;
  return [text, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
}
