import type { AssistCallView, AssistPurpose } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';

/** Who asked for a call: an agent, or an AI bot answering a customer. */
export type AssistCaller = { userId: string } | { botId: string };

/** What is written for one call: the view's fields, with the caller and ticket as ids. */
export type AssistCallRecord = Omit<AssistCallView, 'id' | 'user' | 'bot' | 'ticket' | 'createdAt'> & {
  caller: AssistCaller;
  ticketId: string;
};

/** Every request that left for the provider, answered or not: who, which ticket, what it cost. */
export async function recordAssistCall(sql: Sql, call: AssistCallRecord): Promise<void> {
  await sql.query(
    `INSERT INTO assist_calls (user_id, bot_id, ticket_id, purpose, model, outcome, error, prompt_tokens, completion_tokens, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      'userId' in call.caller ? call.caller.userId : null,
      'botId' in call.caller ? call.caller.botId : null,
      call.ticketId,
      call.purpose,
      call.model,
      call.outcome,
      call.error?.slice(0, 500) ?? null,
      call.promptTokens,
      call.completionTokens,
      Math.round(call.durationMs),
    ],
  );
}

interface CallRow {
  id: string;
  user_id: string | null;
  user_name: string | null;
  bot_id: string | null;
  bot_name: string | null;
  ticket_id: string | null;
  ticket_number: string | null;
  purpose: AssistPurpose;
  model: string;
  outcome: 'ok' | 'failed';
  error: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  duration_ms: number;
  created_at: Date;
}

/** The newest calls first, with totals of the listed ones for a quick look at cost. */
export async function listAssistCalls(
  sql: Sql,
  limit: number,
): Promise<{
  items: AssistCallView[];
  totals: { calls: number; promptTokens: number; completionTokens: number };
}> {
  const rows = await sql.query<CallRow>(
    `SELECT c.id, c.user_id, u.name AS user_name, c.bot_id, b.name AS bot_name, c.ticket_id, t.number AS ticket_number, c.purpose, c.model,
            c.outcome, c.error, c.prompt_tokens, c.completion_tokens, c.duration_ms, c.created_at
       FROM assist_calls c LEFT JOIN users u ON u.id = c.user_id LEFT JOIN bots b ON b.id = c.bot_id
       LEFT JOIN tickets t ON t.id = c.ticket_id
      ORDER BY c.created_at DESC, c.id DESC LIMIT $1`,
    [limit],
  );
  const items = rows.map((r): AssistCallView => ({
    id: r.id,
    user: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    bot: r.bot_id ? { id: r.bot_id, name: r.bot_name ?? '' } : null,
    ticket: r.ticket_id ? { id: r.ticket_id, number: Number(r.ticket_number) } : null,
    purpose: r.purpose,
    model: r.model,
    outcome: r.outcome,
    error: r.error,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    durationMs: r.duration_ms,
    createdAt: r.created_at.toISOString(),
  }));
  return {
    items,
    totals: {
      calls: items.length,
      promptTokens: items.reduce((n, i) => n + (i.promptTokens ?? 0), 0),
      completionTokens: items.reduce((n, i) => n + (i.completionTokens ?? 0), 0),
    },
  };
}
