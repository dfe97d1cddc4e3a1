import { FastifyAdapter } from '@nestjs/platform-fastify';
import * as c from '@switchboard/contracts';
import type { z } from 'zod';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

type Registered = { method: string; path: string };

/**
 * Records every route the app registers, as Fastify reports it through its `onRoute` hook. The
 * hook has to be on the instance before Nest maps the controllers, so it is added where Nest
 * finishes setting up its Fastify adapter, for the one app this test starts.
 */
async function startRecordingRoutes(): Promise<{ t: TestApp; routes: Registered[] }> {
  const routes: Registered[] = [];
  const original = FastifyAdapter.prototype.initHttpServer;
  FastifyAdapter.prototype.initHttpServer = function (
    this: FastifyAdapter,
    ...args: Parameters<typeof original>
  ) {
    this.getInstance().addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        routes.push({ method: String(method).toLowerCase(), path: route.url });
    });
    return original.apply(this, args);
  };
  try {
    return { t: await startTestApp(), routes };
  } finally {
    FastifyAdapter.prototype.initHttpServer = original;
  }
}

/** API routes only: the docs pages themselves, HEAD twins of GET routes and the built console's files are not part of the API. */
function apiRoutes(routes: Registered[]): string[] {
  const keys = routes
    .filter(
      (r) =>
        r.path.startsWith('/api/') &&
        !/^\/api\/docs(\b|-|\/|$)/.test(r.path) &&
        r.method !== 'head' &&
        r.method !== 'options',
    )
    .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let registered: Registered[];
  let doc: any;

  beforeAll(async () => {
    ({ t, routes: registered } = await startRecordingRoutes());
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  it('recorded the routes the app registered', () => {
    // Guards the recorder itself: an empty list would make the comparisons below vacuous.
    expect(apiRoutes(registered)).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/auth/login',
        'GET /api/tickets/{id}',
        'POST /api/widget/{accountId}/session',
      ]),
    );
  });

  it('documents every route the app registered', () => {
    const documented = new Set(documentedRoutes(doc));
    expect(apiRoutes(registered).filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents no route the app does not have', () => {
    const exists = new Set(apiRoutes(registered));
    expect(documentedRoutes(doc).filter((route) => !exists.has(route))).toEqual([]);
  });

  it('says for every route how it is authenticated and what it answers', () => {
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, typeof op.summary]).toEqual([where, 'string']);
        expect([where, Array.isArray(op.security)]).toEqual([where, true]);
        // A browser redirect (the SSO start and callback) is that route's one success.
        const success = Object.keys(op.responses).filter((status) => /^[23]/.test(status));
        expect([where, success.length]).toEqual([where, 1]);
        const answer = op.responses[success[0]];
        expect([
          where,
          success[0] === '204'
            ? answer.content === undefined
            : /^3/.test(success[0])
              ? answer.headers?.Location !== undefined
              : answer.content !== undefined,
        ]).toEqual([where, true]);
      }
    }
  });

  it.each([
    ['get', '/api/tickets', '200', ['items', 'nextCursor']],
    ['get', '/api/tickets/{id}', '200', ['id', 'status', 'contact', 'sla']],
    ['get', '/api/tickets/{id}/messages', '200', ['items']],
    ['post', '/api/tickets/{id}/messages', '201', ['id', 'kind', 'deliveryState']],
    ['post', '/api/auth/login', '200', ['token', 'user']],
    ['get', '/api/auth/me', '200', ['id', 'email', 'role', 'teamIds']],
    ['get', '/api/contacts/{id}', '200', ['identities', 'tickets']],
    ['get', '/api/users', '200', ['items']],
    ['get', '/api/admin/users', '200', ['items']],
    ['get', '/api/admin/teams', '200', ['items']],
    ['get', '/api/admin/channel-accounts', '200', ['items']],
    ['get', '/api/sla/summary', '200', ['totals', 'byTeam', 'byChannel', 'atRisk', 'agents']],
    ['get', '/api/queues/counts', '200', ['mine', 'unassigned', 'all', 'teams']],
    ['post', '/api/channels/api/{accountId}/inbound', '200', ['ticketId', 'messageId', 'duplicate']],
  ])('has a response schema for %s %s', (method, path, status, fields) => {
    const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
    expect(schema?.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(fields));
  });

  it('marks routes without a body as 204, and ticket statuses with the domain list', () => {
    expect(Object.keys(doc.paths['/api/auth/logout'].post.responses)).toContain('204');
    expect(doc.paths['/api/tickets/{id}/handoff/ack'].post.responses['204'].content).toBeUndefined();
    const ticket = doc.paths['/api/tickets/{id}'].get.responses['200'].content['application/json'].schema;
    expect(ticket.properties.status.enum).toEqual([...c.TICKET_STATUSES]);
  });

  it('describes the answers the running app actually gives', async () => {
    const admin = await t.adminToken();
    const account = await t.createApiAccount();
    const inbound = await t.inbound(account, {
      externalId: 'doc-1',
      from: { handle: 'ada@example.test', name: 'Ada' },
      text: 'My parcel is late',
    });
    const check = <T extends z.ZodType>(schema: T, body: unknown) =>
      expect(schema.safeParse(body)).toEqual(expect.objectContaining({ success: true }));
    check(c.ApiInboundView, inbound.body);
    const ticketId = inbound.body.ticketId;
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'note', body: 'Checking with the courier' },
    });
    check(c.MessageView, reply.body);
    check(
      c.pageOf(c.TicketView),
      (await t.request('GET', '/api/tickets?status=active', { token: admin })).body,
    );
    const detail = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    check(c.TicketDetailView, detail);
    check(
      c.itemsOf(c.TimelineItemView),
      (await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin })).body,
    );
    check(
      c.LoginView,
      (
        await t.request('POST', '/api/auth/login', {
          body: { email: 'admin@test.local', password: 'admin-password-123' },
        })
      ).body,
    );
    check(c.UserView, (await t.request('GET', '/api/auth/me', { token: admin })).body);
    check(c.QueueCountsView, (await t.request('GET', '/api/queues/counts', { token: admin })).body);
    check(c.SlaSummaryView, (await t.request('GET', '/api/sla/summary', { token: admin })).body);
    check(c.itemsOf(c.UserView), (await t.request('GET', '/api/users', { token: admin })).body);
    check(c.itemsOf(c.AdminUserView), (await t.request('GET', '/api/admin/users', { token: admin })).body);
    check(c.itemsOf(c.AdminTeamView), (await t.request('GET', '/api/admin/teams', { token: admin })).body);
    check(
      c.itemsOf(c.ChannelAccountView),
      (await t.request('GET', '/api/admin/channel-accounts', { token: admin })).body,
    );
  });

  it('still serves the browsable page', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });
});
