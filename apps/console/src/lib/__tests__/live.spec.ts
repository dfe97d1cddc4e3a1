import { describe, expect, it, jest } from '@jest/globals';
import type { InfiniteData } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import type { MessageView, Page, TicketView } from '@switchboard/contracts';
import { FakeSocket } from '../../test-support/fake-socket';
import { agent, makeQueryClient, makeTicket } from '../../test-support/render';
import { LiveUpdates, SeqTracker } from '../live';
import { queryKeys } from '../query-keys';
import { listParams } from '../ticket-filters';
import { normalizeTimeline, type TimelineEntry } from '../timeline';

function setup(changed: TicketView[] = [], options: { resyncRetryMs?: number } = {}) {
  const queryClient = makeQueryClient();
  const socket = new FakeSocket();
  const fetchChangedSince = jest.fn(async (_since: string) => changed);
  const live = new LiveUpdates({
    queryClient,
    me: agent,
    token: 't',
    connect: () => socket as unknown as Socket,
    fetchChangedSince,
    resyncDelayMs: 0,
    resyncRetryMs: 1,
    ...options,
  });
  live.start();
  return { queryClient, socket, live, fetchChangedSince };
}

const mine = listParams({ queue: 'mine', status: 'active' });

function seedList(queryClient: ReturnType<typeof makeQueryClient>, items: TicketView[]) {
  queryClient.setQueryData<InfiniteData<Page<TicketView>, string | null>>(queryKeys.ticketList(mine), {
    pages: [{ items, nextCursor: null }],
    pageParams: [null],
  });
}

const listed = (queryClient: ReturnType<typeof makeQueryClient>) =>
  queryClient
    .getQueryData<InfiniteData<Page<TicketView>>>(queryKeys.ticketList(mine))!
    .pages.flatMap((p) => p.items);

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The first connect asks what changed before it joined; later calls are what a test counts. */
async function connectedAndResynced(fetchChangedSince: jest.Mock<(since: string) => Promise<TicketView[]>>) {
  await flush();
  expect(fetchChangedSince).toHaveBeenCalledTimes(1);
  fetchChangedSince.mockClear();
}

describe('SeqTracker', () => {
  it('reports gaps and stale events per ticket', () => {
    const seq = new SeqTracker();
    expect(seq.observe('a', 4)).toBe('ok');
    expect(seq.observe('a', 5)).toBe('ok');
    // Several events of one change share its seq.
    expect(seq.observe('a', 5)).toBe('ok');
    expect(seq.observe('a', 3)).toBe('stale');
    expect(seq.observe('a', 8)).toBe('gap');
    expect(seq.observe('b', 1)).toBe('ok');
  });
});

describe('live updates', () => {
  it('puts a new ticket assigned to me on top of my queue without a reload', () => {
    const { queryClient, socket } = setup();
    seedList(queryClient, [makeTicket({ assigneeId: agent.id, subject: 'Old' })]);
    socket.fire('connect');
    socket.fire('ticket.created', { ticket: makeTicket({ assigneeId: agent.id, subject: 'New' }), seq: 1 });
    socket.fire('ticket.created', {
      ticket: makeTicket({ assigneeId: 'someone-else', subject: 'Not mine' }),
      seq: 1,
    });
    expect(listed(queryClient).map((t) => t.subject)).toEqual(['New', 'Old']);
  });

  it('removes a ticket from my queue when it is transferred away', () => {
    const { queryClient, socket } = setup();
    const ticket = makeTicket({ assigneeId: agent.id, seq: 3 });
    seedList(queryClient, [ticket]);
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 4, changes: { assigneeId: 'colleague' } });
    expect(listed(queryClient)).toHaveLength(0);
  });

  it('appends a new message to the open timeline once, however often it arrives', () => {
    const { queryClient, socket } = setup();
    const ticket = makeTicket();
    queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline(ticket.id), normalizeTimeline([]));
    const message = {
      id: 'm1',
      ticketId: ticket.id,
      direction: 'in',
      kind: 'message',
      channel: 'api',
      text: 'Hello?',
      createdAt: '2026-11-20T10:00:00Z',
    } as MessageView;
    socket.fire('message.created', { ticketId: ticket.id, seq: 2, message });
    socket.fire('message.created', { ticketId: ticket.id, seq: 2, message });
    expect(queryClient.getQueryData<TimelineEntry[]>(queryKeys.timeline(ticket.id))).toHaveLength(1);
  });

  it('shows a reply as sent when its delivery state changes', () => {
    const { queryClient, socket } = setup();
    const ticket = makeTicket();
    const queued = {
      id: 'm2',
      ticketId: ticket.id,
      direction: 'out',
      kind: 'message',
      channel: 'api',
      text: 'On it',
      deliveryState: 'queued',
      createdAt: '2026-11-20T10:00:00Z',
    } as MessageView;
    queryClient.setQueryData<TimelineEntry[]>(
      queryKeys.timeline(ticket.id),
      normalizeTimeline({ items: [{ ...queued, entry: 'message' }] }),
    );
    socket.fire('message.updated', {
      ticketId: ticket.id,
      seq: 3,
      message: { ...queued, deliveryState: 'sent' },
    });
    const entries = queryClient.getQueryData<TimelineEntry[]>(queryKeys.timeline(ticket.id))!;
    expect(entries).toHaveLength(1);
    expect(entries[0].type === 'message' && entries[0].message.deliveryState).toBe('sent');
  });

  it('refetches an open timeline when the ticket changes, so held and transferred events show', () => {
    const { queryClient, socket } = setup();
    const ticket = makeTicket({ seq: 1 });
    queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline(ticket.id), []);
    // A transfer sends its handoff note and the ticket change with one seq, note first.
    socket.fire('message.created', {
      ticketId: ticket.id,
      seq: 2,
      message: {
        id: 'n1',
        ticketId: ticket.id,
        direction: 'out',
        kind: 'transfer_note',
        channel: 'api',
        text: 'n',
        createdAt: '2026-11-20T10:00:00Z',
      },
    });
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 2, changes: { assigneeId: 'b' } });
    expect(queryClient.getQueryState(queryKeys.timeline(ticket.id))?.isInvalidated).toBe(true);
  });

  it('after a reconnect re-reads the timeline of a changed ticket even at the seq it holds', async () => {
    // The events of one change share its seq: a connection cut after the change's first event
    // leaves the seq current and its message missing, so an equal seq must not skip the ticket.
    const ticket = makeTicket({ assigneeId: agent.id, seq: 2, updatedAt: '2026-11-20T12:00:00.000Z' });
    const { queryClient, socket, fetchChangedSince } = setup([ticket]);
    fetchChangedSince.mockResolvedValueOnce([]); // nothing changed before the first connect
    socket.fire('connect');
    await connectedAndResynced(fetchChangedSince);
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 2, changes: { status: 'open' } });
    queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline(ticket.id), []);
    socket.fire('disconnect');
    socket.fire('connect');
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryState(queryKeys.timeline(ticket.id))?.isInvalidated).toBe(true);
  });

  it('resyncs over REST after a gap in sequence numbers', async () => {
    const ticket = makeTicket({ assigneeId: agent.id, seq: 1 });
    const { socket, fetchChangedSince } = setup([{ ...ticket, seq: 5 }]);
    fetchChangedSince.mockResolvedValueOnce([]); // nothing changed before the first connect
    socket.fire('connect');
    await connectedAndResynced(fetchChangedSince);
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 1, changes: {} });
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 4, changes: { priority: 'high' } });
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(1);
  });

  it('shows "reconnecting" while cut off and fetches what changed meanwhile after reconnecting', async () => {
    const missed = makeTicket({
      assigneeId: agent.id,
      subject: 'Arrived while offline',
      updatedAt: '2026-11-20T12:00:00.000Z',
    });
    const { queryClient, socket, live, fetchChangedSince } = setup([missed]);
    seedList(queryClient, []);
    fetchChangedSince.mockResolvedValueOnce([]); // nothing changed before the first connect
    socket.fire('connect');
    await connectedAndResynced(fetchChangedSince);
    expect(live.getStatus()).toBe('live');
    socket.fire('ticket.created', {
      ticket: makeTicket({ assigneeId: agent.id, updatedAt: '2026-11-20T11:00:00.000Z' }),
      seq: 1,
    });
    socket.fire('disconnect');
    expect(live.getStatus()).toBe('reconnecting');
    socket.fire('connect');
    await flush();
    expect(live.getStatus()).toBe('live');
    expect(fetchChangedSince).toHaveBeenCalledTimes(1);
    // Measured from the newest server time seen, less a margin for commits in flight.
    expect(fetchChangedSince.mock.calls[0][0]).toBe('2026-11-20T10:59:30.000Z');
    expect(listed(queryClient).map((t) => t.subject)).toContain('Arrived while offline');
  });

  it('asks again when a resync fails, so what was missed shows without another event or reconnect', async () => {
    const missed = makeTicket({ assigneeId: agent.id, subject: 'Arrived while a node died' });
    const { queryClient, socket, fetchChangedSince } = setup([missed]);
    seedList(queryClient, []);
    fetchChangedSince.mockRejectedValueOnce(new Error('502 Bad Gateway'));
    fetchChangedSince.mockRejectedValueOnce(new Error('503 Service Unavailable'));
    socket.fire('connect');
    await flush();
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(3);
    expect(listed(queryClient).map((t) => t.subject)).toEqual(['Arrived while a node died']);
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(3); // no more asking once it succeeded
  });

  it('asks at once on a gap while a failed resync waits out its backoff', async () => {
    const ticket = makeTicket({ assigneeId: agent.id, seq: 1 });
    const { socket, live, fetchChangedSince } = setup([], { resyncRetryMs: 60_000 });
    fetchChangedSince.mockRejectedValueOnce(new Error('503 Service Unavailable'));
    socket.fire('connect');
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(1); // the retry is a minute away
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 1, changes: {} });
    socket.fire('ticket.updated', { ticketId: ticket.id, seq: 3, changes: {} });
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(2);
    live.stop();
  });

  it('when the server hangs up on purpose, asks the API (a 401 there signs out) and reconnects if still signed in', async () => {
    const { socket, fetchChangedSince } = setup();
    const connect = jest.spyOn(socket, 'connect');
    socket.fire('connect');
    await connectedAndResynced(fetchChangedSince);
    socket.fire('disconnect', 'transport close');
    await flush();
    expect(fetchChangedSince).not.toHaveBeenCalled(); // socket.io retries on its own
    socket.fire('disconnect', 'io server disconnect');
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('tells colleagues which ticket is open and rejoins after a reconnect', () => {
    const { socket, live } = setup();
    socket.fire('connect');
    live.view('t-1');
    live.view('t-2');
    socket.fire('disconnect');
    socket.fire('connect');
    live.view(null);
    expect(socket.emitted).toEqual([
      ['ticket.view', { ticketId: 't-1' }],
      ['ticket.view', { ticketId: 't-2' }],
      ['ticket.view', { ticketId: 't-2' }],
      ['ticket.view', { ticketId: null }],
    ]);
  });
});
