/**
 * The one place a request leaves for an AI provider: an OpenAI-compatible
 * `POST {baseUrl}/chat/completions` (OpenAI, Azure-style gateways, Ollama, vLLM, LocalAI).
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatEndpoint {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

export interface ChatCompletion {
  text: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

/**
 * The provider failed: unreachable, too slow, an error status or an answer without a
 * completion. The message says which and is safe to show (it never holds the API key); it has
 * no `cause`, so a refused connection is not mistaken for the database being away.
 */
export class AssistProviderError extends Error {
  override readonly name = 'AssistProviderError';
}

export async function createChatCompletion(
  endpoint: ChatEndpoint,
  messages: ChatMessage[],
): Promise<ChatCompletion> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const scrub = (text: string) => (endpoint.apiKey ? text.split(endpoint.apiKey).join('[api key]') : text);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: endpoint.model, messages, stream: false }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new AssistProviderError(scrub(describeFetchFailure(error, endpoint)));
  }
  let body: unknown;
  const raw = await readText(res, endpoint);
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const detail = providerErrorMessage(body) ?? raw.slice(0, 200);
    throw new AssistProviderError(
      scrub(`the AI provider answered ${res.status}${detail ? `: ${detail.slice(0, 200)}` : ''}`),
    );
  }
  const text = completionText(body);
  if (text === null) throw new AssistProviderError('the AI provider answered without a completion');
  const usage = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
  return {
    text: text.trim(),
    promptTokens: tokenCount(usage?.prompt_tokens),
    completionTokens: tokenCount(usage?.completion_tokens),
  };
}

async function readText(res: Response, endpoint: ChatEndpoint): Promise<string> {
  try {
    return await res.text();
  } catch (error) {
    throw new AssistProviderError(describeFetchFailure(error, endpoint));
  }
}

function describeFetchFailure(error: unknown, endpoint: ChatEndpoint): string {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `the AI provider did not answer within ${Math.round(endpoint.timeoutMs / 1000)} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error';
  return `the AI provider at ${hostOf(endpoint.baseUrl)} could not be reached (${reason})`;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured address';
  }
}

function providerErrorMessage(body: unknown): string | null {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : null;
}

function completionText(body: unknown): string | null {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const content = (choices[0] as { message?: { content?: unknown } })?.message?.content;
  return typeof content === 'string' && content.trim() ? content : null;
}

const tokenCount = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
