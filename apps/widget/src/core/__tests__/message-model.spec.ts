import {
  historyLoaded,
  initialState,
  isOffline,
  mergeMessage,
  receive,
  statusChanged,
  visibleText,
  type ChatMessage,
} from '../message-model.js';

const msg = (over: Partial<ChatMessage>): ChatMessage => ({
  id: 'm1',
  ticketId: 't1',
  direction: 'out',
  text: 'hi',
  authorName: 'Ann',
  createdAt: '2026-01-01T10:00:00.000Z',
  state: 'sent',
  attachments: [],
  ...over,
});

describe('message model', () => {
  it('keeps one copy of a message that arrives by broadcast and by acknowledgement', () => {
    const once = mergeMessage([], msg({}));
    expect(mergeMessage(once, msg({}))).toHaveLength(1);
  });

  it('replaces the pending copy by client id and keeps time order', () => {
    const pending = msg({
      id: 'pending:c1',
      clientId: 'c1',
      direction: 'in',
      createdAt: '2026-01-01T10:00:05.000Z',
    });
    const list = mergeMessage([msg({ id: 'a', createdAt: '2026-01-01T10:00:09.000Z' })], pending);
    const confirmed = mergeMessage(
      list,
      msg({ id: 'real', direction: 'in', createdAt: '2026-01-01T10:00:06.000Z' }),
      'c1',
    );
    expect(confirmed.map((m) => m.id)).toEqual(['real', 'a']);
  });

  it("the sender's own broadcast replaces its pending copy even before the acknowledgement", () => {
    const pending = msg({ id: 'pending:c1', clientId: 'c1', direction: 'in', text: 'Still works' });
    const s = receive(
      { ...initialState, messages: [pending] },
      msg({ id: 'real', direction: 'in', text: 'Still works' }),
      'c1',
    );
    expect(s.messages.map((m) => m.id)).toEqual(['real']);
  });

  it.each([
    [false, 1],
    [true, 0],
  ])('an agent reply while open=%s adds %i to the unread badge', (open, unread) => {
    expect(receive({ ...initialState, open }, msg({})).unread).toBe(unread);
  });

  it('a visitor message and a repeated one do not count as unread', () => {
    const s = receive(initialState, msg({ direction: 'in' }));
    expect(s.unread).toBe(0);
    const twice = receive(receive(initialState, msg({})), msg({}));
    expect(twice.unread).toBe(1);
  });

  it('asks for CSAT when the current conversation is solved, not for another one', () => {
    const s = { ...initialState, ticketId: 't1', status: 'open' };
    expect(statusChanged(s, 't1', 'solved').csat).toBe('asked');
    expect(statusChanged(s, 't2', 'solved').csat).toBe('none');
    expect(statusChanged({ ...s, csat: 'done' }, 't1', 'closed').csat).toBe('done');
  });

  it('a Solve heard before the first message is confirmed still asks for CSAT once that conversation is current', () => {
    // The agent solved in the instant between the message being stored and its acknowledgement.
    const heard = statusChanged(initialState, 't1', 'solved', 3);
    const confirmed = receive(heard, msg({ ticketId: 't1', direction: 'in' }));
    expect(confirmed).toMatchObject({ ticketId: 't1', status: 'solved', csat: 'asked' });
  });

  it('an older status never replaces a newer one, whichever arrives last', () => {
    const s = { ...initialState, ticketId: 't1', status: 'open' };
    const solved = statusChanged(s, 't1', 'solved', 5);
    // The acknowledgement read the ticket before the Solve but arrived after its event.
    expect(statusChanged(solved, 't1', 'open', 4)).toMatchObject({ status: 'solved', csat: 'asked' });
    expect(statusChanged(solved, 't1', 'open', 6)).toMatchObject({ status: 'open', csat: 'none' });
  });

  it('history read on a reconnect keeps a newer status heard by event and a CSAT already answered', () => {
    const solvedByEvent = statusChanged(
      { ...initialState, ticketId: 't1', status: 'open' },
      't1',
      'solved',
      7,
    );
    // The history was read before the Solve: its older status must not hide the survey.
    expect(historyLoaded(solvedByEvent, { ticketId: 't1', status: 'open', seq: 6 })).toMatchObject({
      status: 'solved',
      csat: 'asked',
    });
    expect(historyLoaded(solvedByEvent, { ticketId: 't1', status: 'open', seq: 8 })).toMatchObject({
      status: 'open',
      csat: 'none',
    });
    const answered = { ...solvedByEvent, csat: 'done' as const };
    expect(historyLoaded(answered, { ticketId: 't1', status: 'closed', seq: 9 }).csat).toBe('done');
    expect(historyLoaded(answered, null)).toMatchObject({ ticketId: null, status: null, csat: 'none' });
  });

  it.each([
    [{ open: true, agentsOnline: true, nextOpenAt: null }, false],
    [{ open: false, agentsOnline: true, nextOpenAt: '2026-01-02T09:00:00Z' }, true],
    [{ open: true, agentsOnline: false, nextOpenAt: null }, true],
  ])('offline when %j → %s', (availability, offline) => {
    expect(isOffline({ ...initialState, availability })).toBe(offline);
  });

  it('hides the attachment links meant for agents when files are shown', () => {
    const text = 'see this\n📎 a.png — /api/widget/attachments/0e6f2c1a-9a3b-4c6d-8e1f-2a3b4c5d6e7f/AbC_d-9';
    expect(
      visibleText({
        text,
        attachments: [{ id: 'x', filename: 'a.png', contentType: 'image/png', size: 1, url: '/x' }],
      }),
    ).toBe('see this');
  });
});
