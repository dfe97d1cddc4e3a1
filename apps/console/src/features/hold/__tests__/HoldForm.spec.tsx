import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { HOLD_NOTE_REQUIRED, HoldForm } from '../components/HoldForm';

const ticketId = '20000000-0000-4000-8000-000000000001';

const ticket = { number: 1042, contact: { name: 'Carla Marquez' } };

async function fillNote(
  why = 'Waiting for the warehouse',
  done = 'Emailed the warehouse',
  next = 'Tell the customer the date',
) {
  await userEvent.type(screen.getByLabelText('Why is it on hold?'), why);
  await userEvent.type(screen.getByLabelText('What was done so far?'), done);
  await userEvent.type(screen.getByLabelText('What is next?'), next);
}

function setup() {
  const onDone = jest.fn();
  renderWithProviders(
    <HoldForm ticketId={ticketId} ticket={ticket} onDone={onDone} onCancel={() => undefined} />,
  );
  return { onDone };
}

describe('HoldForm', () => {
  it('refuses to put a ticket on hold without a note, and says why', async () => {
    const calls = mockApi([['POST', /hold$/, { body: {} }]]);
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect(screen.getByRole('alert').textContent).toBe(HOLD_NOTE_REQUIRED);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('treats a note of blanks as no note', async () => {
    const calls = mockApi([['POST', /hold$/, { body: {} }]]);
    setup();
    await userEvent.type(screen.getByLabelText('Why is it on hold?'), '    ');
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect(screen.getByRole('alert').textContent).toContain('A hold note is required');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('names the questions left empty and sends nothing, as the API would refuse them', async () => {
    const calls = mockApi([['POST', /hold$/, { body: {} }]]);
    setup();
    await userEvent.type(screen.getByLabelText('Why is it on hold?'), 'Waiting for the warehouse');
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Fill in "What was done so far?" and "What is next?": say what was done so far, say what is next.',
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('sends the three parts, the time and the customer notice, with the time in the workspace zone', async () => {
    const calls = mockApi([
      [
        'GET',
        /\/api\/settings\/hold-template$/,
        {
          body: {
            template: 'Back by {{hold.until}}.',
            isDefault: false,
            customerDateFormat: { locale: 'en-GB', timeZone: 'Europe/Berlin' },
          },
        },
      ],
      ['POST', /hold$/, { body: { id: ticketId, status: 'on_hold' } }],
    ]);
    const { onDone } = setup();
    await fillNote();
    const until = new Date(Date.now() + 2 * 86_400_000);
    const local = `${until.getFullYear()}-${String(until.getMonth() + 1).padStart(2, '0')}-${String(until.getDate()).padStart(2, '0')}T09:30`;
    await userEvent.type(screen.getByLabelText('Until (optional)'), local);
    await userEvent.click(screen.getByLabelText(/Tell the customer/));
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/tickets/${ticketId}/hold`);
    const berlin = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(local));
    expect(post.body).toEqual({
      why: 'Waiting for the warehouse',
      done: 'Emailed the warehouse',
      next: 'Tell the customer the date',
      notifyCustomer: true,
      until: new Date(local).toISOString(),
      customerMessage: `Back by ${berlin}.`,
    });
    expect((post.body as { customerMessage: string }).customerMessage).not.toMatch(/GMT|UTC/);
  });

  it("shows the API's 400 message and stays open", async () => {
    mockApi([
      [
        'POST',
        /hold$/,
        {
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'until: must be in the future' },
        },
      ],
    ]);
    const { onDone } = setup();
    await fillNote();
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect((await screen.findByRole('alert')).textContent).toBe('until: must be in the future');
    expect(onDone).not.toHaveBeenCalled();
  });

  it("fills the customer message from the admin's template and sends the agent's edit of it", async () => {
    const calls = mockApi([
      [
        'GET',
        /\/api\/settings\/hold-template$/,
        {
          body: {
            template:
              'Dear {{contact.first_name}}, #{{ticket.number}} waits{{#hold.until}} until {{hold.until}}{{/hold.until}}.',
            isDefault: false,
          },
        },
      ],
      ['POST', /hold$/, { body: { id: ticketId, status: 'on_hold' } }],
    ]);
    const { onDone } = setup();
    await fillNote('Waiting for the courier', 'Called the courier', 'Tell the customer');
    await userEvent.click(screen.getByLabelText(/Tell the customer/));
    const message = (await screen.findByLabelText('Message to the customer')) as HTMLTextAreaElement;
    await waitFor(() => expect(message.value).toBe('Dear Carla, #1042 waits.'));
    await userEvent.clear(message);
    await userEvent.type(message, 'Dear Carla, the courier answers tomorrow.');
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      why: 'Waiting for the courier',
      done: 'Called the courier',
      next: 'Tell the customer',
      notifyCustomer: true,
      customerMessage: 'Dear Carla, the courier answers tomorrow.',
    });
  });

  it('refuses to notify the customer with an empty message', async () => {
    const calls = mockApi([['POST', /hold$/, { body: {} }]]);
    setup();
    await fillNote();
    await userEvent.click(screen.getByLabelText(/Tell the customer/));
    await userEvent.clear(screen.getByLabelText('Message to the customer'));
    await userEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect(screen.getByRole('alert').textContent).toContain('Write the message to the customer');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});
