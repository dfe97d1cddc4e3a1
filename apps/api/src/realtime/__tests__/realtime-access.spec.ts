import type { Socket } from 'socket.io-client';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

type Recorded = Array<{ name: string; payload: any }>;

/** Events of the ticket room: who is looking, who is typing, what the visitor read and rated. */
const ROOM_EVENTS = ['typing', 'presence', 'visitor.read', 'survey.received'];

/**
 * Losing sight of a ticket (a transfer away, a team change) ends every live signal about it at
 * once: the socket no longer hears typing, presence, read receipts or the customer's rating,
 * and its own typing no longer reaches the customer. Someone who still sees the ticket does.
 */
function leavingScenario(name: string, nodes: () => { api: TestApp; leaverNode: TestApp }) {
  describe(name, () => {
    const sockets: Socket[] = [];
    let teamA: string;
    let teamB: string;
    let accountId: string;

    beforeAll(async () => {
      const { api } = nodes();
      teamA = await api.createTeam(`A ${name}`);
      teamB = await api.createTeam(`B ${name}`);
      accountId = await createChatAccount(api, {}, teamA);
    });
    afterAll(() => {
      for (const s of sockets) s.close();
    });

    async function open(
      node: TestApp,
      token: string,
      ticketId: string,
    ): Promise<{ socket: Socket; events: Recorded }> {
      const socket = await node.socket(token);
      const events = recordEvents(socket);
      expect(await socket.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
      return { socket, events };
    }

    async function chat(api: TestApp, text: string): Promise<{ v: Visitor; ticketId: string }> {
      const v = await visitor(api, accountId, { name: 'Carla' }, sockets);
      const ack = await v.emit('message.send', { text, clientId: clientId() });
      if (!ack.ok) throw new Error(`message.send: ${ack.error}`);
      return { v, ticketId: ack.ticketId };
    }

    const about = (events: Recorded, ticketId: string) =>
      events.filter((e) => ROOM_EVENTS.includes(e.name) && e.payload?.ticketId === ticketId);

    /** Everything the room can carry, from the visitor, a colleague and the ticket's end. */
    async function everyRoomEvent(api: TestApp, v: Visitor, ticketId: string, colleague: Socket) {
      colleague.emit('typing', { ticketId, kind: 'reply', active: true });
      expect((await v.emit('typing', { ticketId, active: true })).ok).toBe(true);
      expect((await v.emit('read', { ticketId })).ok).toBe(true);
      const solved = await api.request('PATCH', `/api/tickets/${ticketId}`, {
        token: await api.adminToken(),
        body: { status: 'solved' },
      });
      expect(solved.status).toBe(200);
      expect(
        await v.emit('csat', { ticketId, score: 2, comment: 'The private comment of the customer' }),
      ).toEqual({ ok: true });
    }

    async function expectKeeperHeardEverything(keeper: Recorded, ticketId: string, colleagueId: string) {
      const seesColleague = (e: Recorded[number]) =>
        e.name === 'presence' &&
        e.payload.ticketId === ticketId &&
        e.payload.viewers.some((x: any) => x.userId === colleagueId);
      await waitFor(() => keeper.some(seesColleague), 5000, 'presence of the colleague');
      await waitFor(
        () =>
          keeper.some(
            (e) => e.name === 'typing' && e.payload.ticketId === ticketId && e.payload.userId === colleagueId,
          ),
        5000,
        "the colleague's typing",
      );
      await waitFor(
        () => keeper.some((e) => e.name === 'typing' && e.payload.ticketId === ticketId && e.payload.visitor),
        5000,
        "the visitor's typing",
      );
      await waitFor(
        () => keeper.some((e) => e.name === 'visitor.read' && e.payload.ticketId === ticketId),
        5000,
        'the read receipt',
      );
      await waitFor(
        () => keeper.some((e) => e.name === 'survey.received' && e.payload.ticketId === ticketId),
        5000,
        'the survey',
      );
      // Whatever was (wrongly) sent to the other socket has had the same time to arrive.
      await new Promise((r) => setTimeout(r, 300));
    }

    it('after a transfer to a team the agent is not in, the agent hears nothing more of the ticket and cannot type to the visitor', async () => {
      const { api, leaverNode } = nodes();
      const admin = await api.adminToken();
      const leaver = await api.createUser({ email: `leaver-${teamA}@test.local`, teamIds: [teamA] });
      const newcomer = await api.createUser({ email: `newcomer-${teamB}@test.local`, teamIds: [teamB] });
      const supervisor = await api.createUser({ email: `sup-${teamA}@test.local`, role: 'supervisor' });
      const { v, ticketId } = await chat(api, 'My card was charged twice');

      const left = await open(leaverNode, leaver.token, ticketId);
      const kept = await open(api, supervisor.token, ticketId);
      // Before the transfer the leaver hears the visitor and the visitor hears the leaver.
      expect((await v.emit('typing', { ticketId, active: true })).ok).toBe(true);
      await waitFor(
        () => left.events.some((e) => e.name === 'typing' && e.payload.visitor),
        5000,
        'visitor typing before the transfer',
      );
      left.socket.emit('typing', { ticketId, kind: 'reply', active: true });
      await waitFor(
        () => v.events.some((e) => e.name === 'typing'),
        5000,
        'agent typing at the visitor before the transfer',
      );

      const moved = await api.request('POST', `/api/tickets/${ticketId}/transfer`, {
        token: admin,
        body: { toTeamId: teamB, note: 'Billing question' },
      });
      expect(moved.status).toBe(200);
      await waitFor(
        () =>
          left.events.some(
            (e) =>
              e.name === 'ticket.updated' &&
              e.payload.ticketId === ticketId &&
              e.payload.changes.teamId === teamB,
          ),
        5000,
        'the transfer notice',
      );
      left.events.length = 0;
      kept.events.length = 0;
      v.events.length = 0;

      const ack = await left.socket
        .timeout(5000)
        .emitWithAck('typing', { ticketId, kind: 'reply', active: true });
      expect(ack).toMatchObject({ ok: false });
      const colleague = await open(api, newcomer.token, ticketId);
      await everyRoomEvent(api, v, ticketId, colleague.socket);
      await expectKeeperHeardEverything(kept.events, ticketId, newcomer.id);

      expect(about(left.events, ticketId)).toEqual([]);
      expect(JSON.stringify(left.events)).not.toContain('The private comment of the customer');
      expect(v.events.filter((e) => e.name === 'typing' && e.payload.name === `leaver-${teamA}`)).toEqual([]);
      expect(left.socket.connected).toBe(true);
    });

    it('an agent taken out of the team stops hearing the open ticket and cannot type to the visitor', async () => {
      const { api, leaverNode } = nodes();
      const admin = await api.adminToken();
      const mover = await api.createUser({ email: `mover-${teamA}@test.local`, teamIds: [teamA] });
      const stayer = await api.createUser({ email: `stayer-${teamA}@test.local`, teamIds: [teamA] });
      const { v, ticketId } = await chat(api, 'Where is my parcel?');

      const left = await open(leaverNode, mover.token, ticketId);
      const kept = await open(api, stayer.token, ticketId);
      const changed = await api.request('PATCH', `/api/admin/users/${mover.id}`, {
        token: admin,
        body: { teamIds: [teamB] },
      });
      expect(changed.status).toBe(200);
      // The move is applied to live sockets right after the change: wait until the socket is out of the team room.
      await waitFor(
        async () =>
          (await left.socket.timeout(5000).emitWithAck('typing', { ticketId, kind: 'reply', active: false }))
            .ok === false,
        5000,
        'typing refused after the team change',
      );
      left.events.length = 0;
      v.events.length = 0;

      left.socket.emit('typing', { ticketId, kind: 'reply', active: true });
      const colleague = await open(api, admin, ticketId);
      const me = await api.request('GET', '/api/auth/me', { token: admin });
      await everyRoomEvent(api, v, ticketId, colleague.socket);
      await expectKeeperHeardEverything(kept.events, ticketId, me.body.id ?? me.body.user?.id);

      expect(about(left.events, ticketId)).toEqual([]);
      expect(v.events.filter((e) => e.name === 'typing' && e.payload.name === `mover-${teamA}`)).toEqual([]);
    });
  });
}

describe('live ticket signals follow who may see the ticket', () => {
  describe('on one node', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp();
    });
    afterAll(() => api.close());
    leavingScenario('one node', () => ({ api, leaverNode: api }));
  });

  describe('on two nodes joined by Redis, the agent on the other node', () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    let nodeA: TestApp;
    let nodeB: TestApp;
    beforeAll(async () => {
      nodeA = await startTestApp({ redisUrl });
      nodeB = await startTestApp({
        redisUrl,
        databaseUrl: nodeA.config.databaseUrl,
        secretsKey: nodeA.config.secretsKey,
      });
    });
    afterAll(async () => {
      await nodeB.close({ keepDatabase: true });
      await nodeA.close();
    });
    leavingScenario('two nodes', () => ({ api: nodeA, leaverNode: nodeB }));
  });
});
