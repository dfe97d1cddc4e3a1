import type { ApiProcess } from '../../test-support/api-process.js';

/** REST calls against API child processes, for the crash and multi-node routing specs. */
export async function call(
  api: ApiProcess,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

export async function login(api: ApiProcess, email: string, password: string): Promise<string> {
  const res = await call(api, 'POST', '/api/auth/login', null, { email, password });
  if (res.status !== 200 && res.status !== 201) throw new Error(`login ${email}: ${res.status}`);
  return res.body.token;
}

/**
 * A team in `assignment` mode with `count` online agents of `capacity`, and an API channel
 * account of the team; the agents' ids in id order.
 */
export async function routedTeam(
  api: ApiProcess,
  admin: string,
  opts: { name: string; count: number; capacity?: object; assignment: object },
): Promise<{ teamId: string; agentIds: string[]; account: { id: string; apiKey: string } }> {
  const team = await call(api, 'POST', '/api/admin/teams', admin, { name: opts.name });
  const teamId = team.body.id;
  const agentIds: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const email = `${opts.name}-${i}@test.local`.toLowerCase();
    const password = `agent-password-${i}-long`;
    const user = await call(api, 'POST', '/api/admin/users', admin, {
      email,
      name: `${opts.name} agent ${i}`,
      password,
      role: 'agent',
      teamIds: [teamId],
    });
    if (user.status !== 201) throw new Error(`create user: ${user.status} ${JSON.stringify(user.body)}`);
    if (opts.capacity)
      await call(api, 'PATCH', `/api/admin/users/${user.body.id}`, admin, { capacity: opts.capacity });
    const token = await login(api, email, password);
    await call(api, 'PUT', '/api/me/availability', token, { status: 'online' });
    agentIds.push(user.body.id);
  }
  await call(api, 'PATCH', `/api/admin/teams/${teamId}`, admin, { assignment: opts.assignment });
  const account = await call(api, 'POST', '/api/admin/channel-accounts', admin, {
    kind: 'api',
    name: `${opts.name} inbox`,
    teamId,
    config: {},
  });
  return { teamId, agentIds: agentIds.sort(), account: account.body };
}

/** Sends until the API answers 200, as a provider that retries does (through kills and restarts). */
export async function deliverWithRetries(api: ApiProcess, accountId: string, apiKey: string, body: unknown) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${api.url}/api/channels/api/${accountId}/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify(body),
      });
      if (res.status === 200) return;
    } catch {
      // Refused or reset while the API is down: retry.
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
  }
}

export async function eventually<T>(
  probe: () => Promise<T | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
