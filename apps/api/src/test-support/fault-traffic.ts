import { appendFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HttpAnswer {
  status: number;
  body: any;
}

/** One real HTTP call with a deadline; status 0 when nothing answered (refused, reset, timed out). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  try {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}

export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export async function login(baseUrl: string): Promise<string> {
  const res = await waitFor(
    async () => {
      const answer = await call(baseUrl, 'POST', '/api/auth/login', {
        body: { email: 'admin@test.local', password: 'admin-password-123' },
      });
      return answer.status === 200 ? answer : null;
    },
    20_000,
    'the admin to log in',
  );
  return res.body.token;
}

export async function createChannelAccount(
  baseUrl: string,
  token: string,
  body: Record<string, unknown>,
): Promise<{ id: string; apiKey: string }> {
  const res = await call(baseUrl, 'POST', '/api/admin/channel-accounts', { token, body });
  if (res.status !== 201)
    throw new Error(`creating a channel account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Only these answers mean "not taken, send again"; anything else 5xx is a bug the suite reports. */
const RETRY_STATUSES = new Set([0, 502, 503, 504]);

/**
 * Inbound messages the way a provider delivers them: each external id is sent until a 2xx
 * arrives, again with the same id after a refused connection, a 502 from the proxy or a 503.
 * Counts what the suite's table shows.
 */
export class InboundSender {
  readonly acknowledged = new Set<string>();
  /** Stored message id → when its 2xx arrived. */
  readonly acknowledgedAt = new Map<string, number>();
  sent = 0;
  readonly unexpected: HttpAnswer[] = [];
  readonly refusals = new Map<number, number>();

  constructor(
    private readonly baseUrl: string,
    private readonly account: { id: string; apiKey: string },
    private readonly prefix: string,
    private readonly customers: number,
  ) {}

  externalId(i: number): string {
    return `${this.prefix}-${i}`;
  }

  /** Sends one message until it is taken; `baseUrl` defaults to the proxy's (a test may aim at one node). */
  async deliver(i: number, deadline: number, baseUrl = this.baseUrl): Promise<string | null> {
    const externalId = this.externalId(i);
    this.sent++;
    while (Date.now() < deadline) {
      const res = await call(baseUrl, 'POST', `/api/channels/api/${this.account.id}/inbound`, {
        headers: { 'x-api-key': this.account.apiKey },
        body: {
          externalId,
          from: { handle: `customer-${i % this.customers}@${this.prefix}.test` },
          text: `message ${externalId}`,
        },
      });
      if (res.status >= 200 && res.status < 300) {
        this.acknowledged.add(externalId);
        this.acknowledgedAt.set(res.body.messageId, Date.now());
        return res.body.messageId;
      }
      this.refusals.set(res.status, (this.refusals.get(res.status) ?? 0) + 1);
      if (!RETRY_STATUSES.has(res.status)) {
        this.unexpected.push(res);
        return null;
      }
      await sleep(100);
    }
    return null;
  }

  /** `total` messages from `concurrency` senders; `onProgress` sees each acknowledged count. */
  async run(
    total: number,
    concurrency: number,
    deadline: number,
    onProgress?: (acknowledged: number) => void,
  ): Promise<void> {
    let next = 0;
    const sender = async () => {
      while (next < total && Date.now() < deadline) {
        await this.deliver(next++, deadline);
        onProgress?.(this.acknowledged.size);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
  }
}

/**
 * An agent's reply as the console sends it. POST /messages has no idempotency key, so after an
 * answer that may hide a stored reply (nothing came back, the proxy's 502) the agent looks at
 * the timeline before pressing send again, as a person would.
 */
export async function sendReply(
  baseUrl: string,
  token: string,
  ticketId: string,
  body: string,
  deadline: number,
): Promise<HttpAnswer> {
  while (Date.now() < deadline) {
    const res = await call(baseUrl, 'POST', `/api/tickets/${ticketId}/messages`, {
      token,
      body: { kind: 'reply', body },
    });
    if (res.status === 201 || res.status === 200) return res;
    if (!RETRY_STATUSES.has(res.status)) return res;
    await sleep(200);
    const timeline = await call(baseUrl, 'GET', `/api/tickets/${ticketId}/messages`, { token });
    const stored = timeline.body?.items?.find((m: any) => m.entry === 'message' && m.text === body);
    if (stored) return { status: 201, body: stored };
  }
  return { status: 0, body: null };
}

/**
 * An agent's live view through the proxy, kept the way the console keeps it (apps/console/src/lib/
 * live.ts): socket.io starting on long-polling and upgrading to a websocket, events tracked by
 * per-ticket seq, and on every (re)connect or seq gap a resync over `GET /api/tickets?since=`
 * whose changed tickets' timelines are read again. What it ends up holding is what the agent sees.
 */
export class AgentView {
  readonly seq = new Map<string, number>();
  readonly messageIds = new Set<string>();
  /** When each message's `message.created` event arrived on the socket (not through a resync). */
  readonly liveAt = new Map<string, number>();
  connects = 0;
  upgrades = 0;
  /** The transport each engine connection opened on. */
  readonly openedOn: string[] = [];
  /** When the socket last (re)connected and last received an event, ms since the epoch. */
  lastConnectAt = 0;
  lastEventAt = 0;
  disconnectedAt: number | null = null;
  private newestServerTime = 0;
  private readonly startedAt = Date.now();
  private resyncing: Promise<void> | null = null;
  private resyncAgain = false;
  private rereadAll = false;
  readonly socket: Socket;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    this.socket = io(`${baseUrl}/agents`, {
      auth: { token },
      transports: ['polling', 'websocket'],
      // The proxy's sticky cookie must come back on every poll (engine.io keeps a cookie jar in Node).
      withCredentials: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2_000,
    });
    this.socket.on('connect', () => {
      this.connects++;
      this.lastConnectAt = Date.now();
      this.disconnectedAt = null;
      void this.resync(true);
    });
    // Each new engine (first connect and every reconnect) opens on a transport, then may upgrade.
    this.socket.io.on('open', () => {
      const engine = this.socket.io.engine;
      this.openedOn.push(engine.transport.name);
      engine.on('upgrade', () => this.upgrades++);
    });
    this.socket.on('disconnect', () => (this.disconnectedAt ??= Date.now()));
    this.socket.on('ticket.created', (e: any) => this.observe(e.ticket.id, e.seq, e.ticket.updatedAt));
    this.socket.on('ticket.updated', (e: any) => this.observe(e.ticketId, e.seq, e.changes?.updatedAt));
    this.socket.on('message.created', (e: any) => {
      this.messageIds.add(e.message.id);
      this.liveAt.set(e.message.id, Date.now());
      this.observe(e.ticketId, e.seq, e.message.createdAt);
    });
    // A reply's send result, an SLA step and a merge move the ticket's seq too: a view that
    // ignored them would wait for a later event to notice it is behind, and the last one has none.
    this.socket.on('message.updated', (e: any) => {
      this.messageIds.add(e.message.id);
      this.observe(e.ticketId, e.seq);
    });
    for (const name of ['sla.warning', 'sla.breached', 'sla.escalated', 'ticket.timeline_moved'])
      this.socket.on(name, (e: any) => this.observe(e.ticketId, e.seq));
  }

  /** The web node the proxy pinned this agent to (its sticky cookie: web1, web2 or web3). */
  get node(): string | undefined {
    // engine.io's cookie jar in Node: `cookies` yields [name, { value }] pairs.
    const engine = this.socket.io.engine as unknown as {
      _cookieJar?: { cookies: Iterable<[string, { value: string }]> };
    };
    if (!engine?._cookieJar) return undefined;
    return new Map(engine._cookieJar.cookies).get('SBNODE')?.value;
  }

  get transport(): string | undefined {
    return this.socket.io.engine?.transport?.name;
  }

  async connected(timeoutMs = 20_000): Promise<void> {
    await waitFor(() => this.socket.connected, timeoutMs, 'the agent socket to connect');
  }

  private observe(ticketId: string, seq: number, serverTime?: string): void {
    this.lastEventAt = Date.now();
    const time = serverTime ? Date.parse(serverTime) : NaN;
    if (Number.isFinite(time) && time > this.newestServerTime) this.newestServerTime = time;
    const known = this.seq.get(ticketId);
    if (known !== undefined && seq <= known) return;
    // Every ticket here is opened after the agent connected, so a first event past seq 1 follows missed ones.
    if (known === undefined ? seq > 1 : seq > known + 1) {
      // A skipped seq is a missed event: the console resyncs. The resync moves this ticket's seq on
      // once it has read the timeline; moving it here would make the resync skip the ticket.
      void this.resync();
      return;
    }
    this.seq.set(ticketId, seq);
  }

  /**
   * What changed since the newest server time seen (30 s margin, as the console), timelines
   * included. A seq gap needs only the tickets whose seq moved on; after a reconnect every changed
   * ticket's timeline is read again, as the console invalidates them all: the events of one change
   * share its seq, so a connection cut between two of them leaves an equal seq and a missing message.
   */
  resync(rereadAll = false): Promise<void> {
    if (rereadAll) this.rereadAll = true;
    if (this.resyncing) {
      this.resyncAgain = true;
      return this.resyncing;
    }
    this.resyncing = (async () => {
      let retryMs = 0;
      do {
        this.resyncAgain = false;
        const all = this.rereadAll;
        this.rereadAll = false;
        try {
          await this.resyncOnce(all);
          retryMs = 0;
        } catch {
          if (all) this.rereadAll = true;
          // As the console: asked again while connected, waiting longer each time (a reconnect resyncs anyway).
          retryMs = Math.min(Math.max(retryMs * 2, 1_000), 30_000);
          if (this.socket.connected) {
            await sleep(retryMs);
            this.resyncAgain = true;
          }
        }
      } while (this.resyncAgain);
      this.resyncing = null;
    })();
    return this.resyncing;
  }

  private async resyncOnce(rereadAll: boolean): Promise<void> {
    const since = new Date((this.newestServerTime || this.startedAt) - 30_000).toISOString();
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ since, limit: '200', ...(cursor ? { cursor } : {}) });
      const page = await call(this.baseUrl, 'GET', `/api/tickets?${query}`, { token: this.token });
      if (page.status !== 200) throw new Error(`resync answered ${page.status}`);
      for (const ticket of page.body.items) {
        const known = this.seq.get(ticket.id);
        if (!rereadAll && known !== undefined && known >= ticket.seq) continue;
        const timeline = await call(this.baseUrl, 'GET', `/api/tickets/${ticket.id}/messages`, {
          token: this.token,
        });
        if (timeline.status !== 200) throw new Error(`timeline answered ${timeline.status}`);
        for (const item of timeline.body.items) if (item.entry === 'message') this.messageIds.add(item.id);
        this.seq.set(ticket.id, Math.max(known ?? 0, ticket.seq));
        const updated = Date.parse(ticket.updatedAt);
        if (updated > this.newestServerTime) this.newestServerTime = updated;
      }
      cursor = page.body.nextCursor;
    } while (cursor);
  }

  close(): void {
    this.socket.disconnect();
  }
}

export interface FaultRow {
  scenario: string;
  sent: number;
  acknowledged: number;
  stored: number;
  duplicated: number;
  lost: number;
  recoverySeconds: number | null;
}

/** Appends a scenario's figures for the table the suite prints at the end (see faults-teardown.mjs). */
export function reportFault(row: FaultRow): void {
  const file = process.env.SWITCHBOARD_FAULTS_REPORT;
  console.log(`fault scenario: ${JSON.stringify(row)}`);
  if (file) appendFileSync(file, JSON.stringify(row) + '\n');
}

/** What PostgreSQL holds of an account's inbound messages, whatever the nodes answered. */
export async function inboundLedger(
  db: { query: (sql: string, params: unknown[]) => Promise<{ rows: any[] }> },
  accountId: string,
  acknowledged: Set<string>,
): Promise<{ stored: number; duplicated: number; lost: number }> {
  const { rows } = await db.query(
    `SELECT external_id, count(*)::int AS n FROM messages
      WHERE channel_account_id = $1 AND direction = 'in' AND external_id IS NOT NULL GROUP BY external_id`,
    [accountId],
  );
  const stored = new Map<string, number>(rows.map((r) => [r.external_id as string, r.n as number]));
  return {
    stored: rows.reduce((sum, r) => sum + r.n, 0),
    duplicated: rows.reduce((sum, r) => sum + Math.max(0, r.n - 1), 0),
    lost: [...acknowledged].filter((id) => !stored.has(id)).length,
  };
}
