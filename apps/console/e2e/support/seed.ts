import { randomUUID } from 'node:crypto';
import { ADMIN } from './api-server';

export interface Agent {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

export interface ApiAccount {
  id: string;
  apiKey: string;
}

export interface Seeded {
  support: { id: string; name: string };
  other: { id: string; name: string };
  ana: Agent;
  ben: Agent;
  olga: Agent;
  /** The API channel account of team Support; replies go to the callback receiver. */
  account: ApiAccount;
  /** An API channel account of team Other, whose tickets Ana and Ben may not see. */
  otherAccount: ApiAccount;
}

/** A small REST client for the test itself (setup and side checks), not for what the browser does. */
export class Rest {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T = any>(method: string, path: string, options: Parameters<Rest['call']>[2] = {}): Promise<T> {
    const res = await this.call<T>(method, path, options);
    if (res.status >= 300)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async login(email: string, password: string): Promise<string> {
    return (await this.ok<{ token: string }>('POST', '/api/auth/login', { body: { email, password } })).token;
  }

  /** A customer writes through the API channel; `threadKey` keeps one conversation on one ticket. */
  inbound(
    account: ApiAccount,
    body: { text: string; handle: string; name?: string; threadKey?: string; subject?: string },
  ) {
    return this.ok<{ ticketId: string; messageId: string; duplicate: boolean }>(
      'POST',
      `/api/channels/api/${account.id}/inbound`,
      {
        headers: { 'x-api-key': account.apiKey },
        body: {
          externalId: randomUUID(),
          from: { handle: body.handle, name: body.name },
          text: body.text,
          threadKey: body.threadKey,
          subject: body.subject,
        },
      },
    );
  }
}

export async function seed(rest: Rest, callbackUrl: string): Promise<Seeded> {
  const admin = await rest.login(ADMIN.email, ADMIN.password);
  const support = await rest.ok('POST', '/api/admin/teams', { token: admin, body: { name: 'Support' } });
  const other = await rest.ok('POST', '/api/admin/teams', { token: admin, body: { name: 'Other' } });
  const agent = async (name: string, teamId: string): Promise<Agent> => {
    const email = `${name.split(' ')[0].toLowerCase()}@e2e.local`;
    const password = `${name.split(' ')[0].toLowerCase()}-password-123`;
    const user = await rest.ok('POST', '/api/admin/users', {
      token: admin,
      body: { email, name, password, role: 'agent', teamIds: [teamId] },
    });
    return { id: user.id, email, name, password, token: await rest.login(email, password) };
  };
  const [ana, ben, olga] = await Promise.all([
    agent('Ana Agent', support.id),
    agent('Ben Colleague', support.id),
    agent('Olga Outsider', other.id),
  ]);
  const account = await rest.ok('POST', '/api/admin/channel-accounts', {
    token: admin,
    body: { kind: 'api', name: 'Shop integration', teamId: support.id, config: { callbackUrl } },
  });
  const otherAccount = await rest.ok('POST', '/api/admin/channel-accounts', {
    token: admin,
    body: { kind: 'api', name: 'Other integration', teamId: other.id, config: { callbackUrl } },
  });
  return {
    support,
    other,
    ana,
    ben,
    olga,
    account: { id: account.id, apiKey: account.apiKey },
    otherAccount: { id: otherAccount.id, apiKey: otherAccount.apiKey },
  };
}
