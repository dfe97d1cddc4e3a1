import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContactIdentityView, MessageView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import type { ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';

const HX1 = 'HX' + '1'.repeat(32);
const HX2 = 'HX' + '2'.repeat(32);

const email: ContactIdentityView = {
  id: 'i-email',
  kind: 'email',
  address: 'carla@example.com',
  canReply: true,
  replyAccount: { id: 'acc-email', kind: 'email', name: 'Support mail' },
};
const phone: ContactIdentityView = {
  id: 'i-phone',
  kind: 'phone',
  address: '+14155550100',
  canReply: true,
  replyAccount: { id: 'acc-sms', kind: 'twilio_sms', name: 'SMS line' },
};
const telegram: ContactIdentityView = {
  id: 'i-tg',
  kind: 'telegram',
  address: '123',
  canReply: false,
  replyAccount: null,
};
const whatsappPhone: ContactIdentityView = {
  id: 'i-wa',
  kind: 'phone',
  address: '+14155550199',
  canReply: true,
  replyAccount: {
    id: 'acc-wa',
    kind: 'twilio_whatsapp',
    name: 'WhatsApp',
    freeFormUntil: null,
    templates: [
      { contentSid: HX1, name: 'order_update', variables: ['1', '2'] },
      { contentSid: HX2, name: 'hello_again', variables: [] },
    ],
  },
};

function ticketWith(identities: ContactIdentityView[], defaultIdentityId: string | null, channel = 'email') {
  return {
    ...makeTicket({ number: 77, channel }),
    contact: { id: 'c1', name: 'Carla Marquez', identities },
    reply: { defaultIdentityId },
  };
}

function Harness({ ticket }: { ticket: ReturnType<typeof ticketWith> }) {
  const [kind, setKind] = useState<ComposerKind>('reply');
  return <Composer ticket={ticket} entries={[]} kind={kind} onKindChange={setKind} />;
}

const sent = (call: { body: unknown }): { status: number; body: MessageView } => ({
  status: 201,
  body: {
    id: `m-${Math.random()}`,
    ticketId: 't',
    direction: 'out',
    kind: 'message',
    channel: 'email',
    authorId: agent.id,
    authorName: agent.name,
    text: (call.body as { body: string }).body,
    html: null,
    deliveryState: 'queued',
    deliveryError: null,
    externalId: null,
    createdAt: new Date().toISOString(),
  },
});

describe('Composer: where the reply goes', () => {
  it('shows no choice when the contact has one reachable identity, and posts the plain { kind, body }', async () => {
    const calls = mockApi([['POST', /messages$/, sent]]);
    renderWithProviders(<Harness ticket={ticketWith([email, telegram], email.id)} />);
    expect(screen.queryByLabelText('Send to')).toBeNull();
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Hello');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'reply',
        format: 'markdown',
        body: 'Hello',
      }),
    );
  });

  it('offers the reachable identities and sends to the chosen one with identityId', async () => {
    const calls = mockApi([['POST', /messages$/, sent]]);
    renderWithProviders(<Harness ticket={ticketWith([email, phone, telegram], email.id)} />);
    const select = screen.getByLabelText('Send to') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'carla@example.com by Email',
      '+14155550100 by SMS',
    ]);
    expect(select.value).toBe(email.id);
    await userEvent.selectOptions(select, phone.id);
    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'Texting you');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'reply',
        format: 'markdown',
        body: 'Texting you',
        identityId: phone.id,
      }),
    );
  });

  it('on WhatsApp with the window closed, says so and sends the chosen approved template with its values', async () => {
    const calls = mockApi([['POST', /messages$/, sent]]);
    renderWithProviders(
      <Harness ticket={ticketWith([whatsappPhone], whatsappPhone.id, 'twilio_whatsapp')} />,
    );
    expect(screen.getByRole('note').textContent).toContain('24-hour WhatsApp window is closed');
    await userEvent.selectOptions(screen.getByLabelText('Approved template'), HX1);
    expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).hidden).toBe(true);
    await userEvent.type(screen.getByLabelText('Value for {{1}}'), 'Carla');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(screen.getByRole('alert').textContent).toContain('Fill in the template value 2.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Value for {{2}}'), 'Friday');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'reply',
        body: 'WhatsApp template "order_update" (1: Carla, 2: Friday)',
        template: { contentSid: HX1, variables: { '1': 'Carla', '2': 'Friday' } },
      }),
    );
  });

  it('a template without placeholders is sent by its Content SID alone', async () => {
    const calls = mockApi([['POST', /messages$/, sent]]);
    renderWithProviders(
      <Harness ticket={ticketWith([whatsappPhone], whatsappPhone.id, 'twilio_whatsapp')} />,
    );
    await userEvent.selectOptions(screen.getByLabelText('Approved template'), HX2);
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'reply',
        body: 'WhatsApp template "hello_again"',
        template: { contentSid: HX2 },
      }),
    );
  });
});
