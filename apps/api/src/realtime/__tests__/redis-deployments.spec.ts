import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two deployments (a staging and a production, or two customers of a host) may share one Redis.
 * Their live events must stay apart: a supervisor of one hears nothing of the other's tickets.
 */
describe('two deployments sharing one Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ redisUrl });
    second = await startTestApp({ redisUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it("a supervisor of one deployment does not hear the other's ticket events", async () => {
    const ownSupervisor = recordEvents(await first.socket(await first.adminToken()));
    const otherSupervisor = recordEvents(await second.socket(await second.adminToken()));
    const account = await first.createApiAccount();
    const inbound = await first.inbound(account, {
      externalId: 'shared-redis-1',
      from: { handle: 'customer-1' },
      text: 'Where is my order?',
    });
    expect(inbound.status).toBe(200);
    const ticketId = inbound.body.ticketId as string;
    await waitFor(
      () => ownSupervisor.some((e) => e.name === 'ticket.created' && e.payload.ticket?.id === ticketId),
      10_000,
      "the first deployment's supervisor to hear the new ticket",
    );
    // Events leave a node in order: a later event of the second deployment arriving means an
    // event of the first one would have arrived by then too.
    const secondAccount = await second.createApiAccount();
    await second.inbound(secondAccount, {
      externalId: 'shared-redis-2',
      from: { handle: 'customer-2' },
      text: 'Hello',
    });
    await waitFor(
      () => otherSupervisor.some((e) => e.name === 'ticket.created'),
      10_000,
      "the second deployment's supervisor to hear its own ticket",
    );
    const heard = otherSupervisor.filter((e) => JSON.stringify(e.payload).includes(ticketId));
    expect(heard.map((e) => e.name)).toEqual([]);
  });
});
