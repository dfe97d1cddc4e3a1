import type { AssistPurpose } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { recordAssistCall, type AssistCaller } from './assist-calls.js';
import {
  AssistProviderError,
  createChatCompletion,
  type ChatEndpoint,
  type ChatMessage,
} from './chat-completions-client.js';

/**
 * One request to the provider, logged whatever its outcome: who asked (an agent or a bot), for
 * which ticket, the model, the token counts or the error. Provider failures are logged and
 * rethrown; anything else (a bug, the database) is not the provider's and is rethrown unlogged.
 */
export async function completeAndLog(
  sql: Sql,
  call: { caller: AssistCaller; ticketId: string; purpose: AssistPurpose },
  endpoint: ChatEndpoint,
  messages: ChatMessage[],
): Promise<string> {
  const started = performance.now();
  const base = { ...call, model: endpoint.model };
  try {
    const completion = await createChatCompletion(endpoint, messages);
    await recordAssistCall(sql, {
      ...base,
      outcome: 'ok',
      error: null,
      promptTokens: completion.promptTokens,
      completionTokens: completion.completionTokens,
      durationMs: performance.now() - started,
    });
    return completion.text;
  } catch (error) {
    if (error instanceof AssistProviderError)
      await recordAssistCall(sql, {
        ...base,
        outcome: 'failed',
        error: error.message,
        promptTokens: null,
        completionTokens: null,
        durationMs: performance.now() - started,
      });
    throw error;
  }
}
