import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { agent, colleague, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { normalizeTimeline, pendingHandoff } from '../../../lib/timeline';
import { HANDOFF_NOTE_REQUIRED, TransferForm } from '../components/TransferForm';

const ticketId = '20000000-0000-4000-8000-000000000002';
const teams = [{ id: '30000000-0000-4000-8000-000000000001', name: 'Returns' }];

function setup() {
  const onDone = jest.fn();
  renderWithProviders(
    <TransferForm
      ticketId={ticketId}
      meId={agent.id}
      agents={[agent, colleague]}
      teams={teams}
      onDone={onDone}
      onCancel={() => undefined}
    />,
  );
  return { onDone };
}

describe('TransferForm', () => {
  it('lists colleagues but not myself', () => {
    mockApi([]);
    setup();
    const options = [...(screen.getByLabelText('Agent') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(['Choose an agent…', colleague.name]);
  });

  it('refuses to transfer without a handoff note, and says why', async () => {
    const calls = mockApi([['POST', /transfer$/, { body: {} }]]);
    setup();
    await userEvent.selectOptions(screen.getByLabelText('Agent'), colleague.name);
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(screen.getByRole('alert').textContent).toBe(HANDOFF_NOTE_REQUIRED);
    expect(calls).toHaveLength(0);
  });

  it('refuses to transfer to nobody', async () => {
    const calls = mockApi([]);
    setup();
    await userEvent.type(screen.getByLabelText('What does the customer want?'), 'A refund');
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose the agent who takes over.');
    expect(calls).toHaveLength(0);
  });

  it('hands over to a colleague with the note', async () => {
    const calls = mockApi([['POST', /transfer$/, { body: { ok: true } }]]);
    const { onDone } = setup();
    await userEvent.selectOptions(screen.getByLabelText('Agent'), colleague.name);
    await userEvent.type(screen.getByLabelText('What does the customer want?'), 'A refund for order 881');
    await userEvent.type(screen.getByLabelText('What was tried?'), 'Checked the payment');
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls[0].url).toBe(`/api/tickets/${ticketId}/transfer`);
    expect(calls[0].body).toEqual({
      toAgentId: colleague.id,
      note: 'The customer wants: A refund for order 881\nWhat was tried: Checked the payment',
    });
  });

  it('hands over to a team', async () => {
    const calls = mockApi([['POST', /transfer$/, { body: { ok: true } }]]);
    setup();
    await userEvent.click(screen.getByLabelText('A team'));
    await userEvent.selectOptions(screen.getByLabelText('Team'), 'Returns');
    await userEvent.type(screen.getByLabelText('What comes next?'), 'Book a pickup');
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body).toEqual({ toTeamId: teams[0].id, note: 'What comes next: Book a pickup' });
  });

  it("shows the API's 400 message", async () => {
    mockApi([
      [
        'POST',
        /transfer$/,
        { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'note: must not be empty' } },
      ],
    ]);
    const { onDone } = setup();
    await userEvent.selectOptions(screen.getByLabelText('Agent'), colleague.name);
    await userEvent.type(screen.getByLabelText('What comes next?'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect((await screen.findByRole('alert')).textContent).toBe('note: must not be empty');
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('handoff card', () => {
  const nameOf = (id: string | null | undefined) =>
    id === agent.id ? agent.name : id === colleague.id ? colleague.name : 'Someone';
  const transferred = (data: Record<string, unknown>, later: Record<string, unknown>[] = []) =>
    normalizeTimeline({
      items: [
        {
          entry: 'message',
          id: 'n1',
          ticketId,
          direction: 'out',
          kind: 'transfer_note',
          channel: 'email',
          authorId: agent.id,
          text: 'The customer wants: a refund',
          createdAt: '2026-11-20T10:00:00Z',
        },
        {
          entry: 'event',
          id: 'e1',
          ticketId,
          type: 'transferred',
          actorId: agent.id,
          data: { fromAgentId: null, fromTeamId: null, toAgentId: null, toTeamId: null, ...data },
          createdAt: '2026-11-20T10:00:00Z',
        },
        ...later,
      ],
    });

  it('is shown to the receiver with the note until acknowledged', () => {
    const handoff = pendingHandoff(
      transferred({ toAgentId: colleague.id, note: 'Refund please' }),
      colleague,
      nameOf,
    );
    expect(handoff).toMatchObject({ eventId: 'e1', fromName: agent.name, note: 'Refund please' });
    const ack = {
      entry: 'event',
      id: 'e2',
      ticketId,
      type: 'handoff_acknowledged',
      actorId: colleague.id,
      data: {},
      createdAt: '2026-11-20T11:00:00Z',
    };
    expect(
      pendingHandoff(
        transferred({ toAgentId: colleague.id, note: 'Refund please' }, [ack]),
        colleague,
        nameOf,
      ),
    ).toBeNull();
  });

  it('reaches every member of the receiving team when no agent was named', () => {
    const handoff = pendingHandoff(
      transferred({ toTeamId: 'team-x', note: 'The customer wants: a refund' }),
      { id: colleague.id, teamIds: ['team-x'] },
      nameOf,
    );
    expect(handoff?.note).toBe('The customer wants: a refund');
    expect(
      pendingHandoff(
        transferred({ toTeamId: 'team-y', note: 'n' }),
        { id: colleague.id, teamIds: ['team-x'] },
        nameOf,
      ),
    ).toBeNull();
  });

  it('is not shown to the sender', () => {
    expect(pendingHandoff(transferred({ toAgentId: colleague.id }), agent, nameOf)).toBeNull();
  });
});
