import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import type { ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';

const emailTicket = {
  ...makeTicket({ number: 2001, subject: 'Quote please', channel: 'email' }),
  contact: { id: 'c1', name: 'Carla Marquez' },
};
const smsTicket = {
  ...makeTicket({ number: 2002, subject: 'Parcel', channel: 'twilio_sms' }),
  contact: { id: 'c2', name: 'Sam Sms' },
};

function Harness({ ticket = emailTicket }: { ticket?: typeof emailTicket }) {
  const [kind, setKind] = useState<ComposerKind>('reply');
  return <Composer ticket={ticket} entries={[]} kind={kind} onKindChange={setKind} />;
}

const sentMessage = (call: Call): MessageView => ({
  id: 'sent-1',
  ticketId: emailTicket.id,
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
  createdAt: '2026-11-20T10:00:00.000Z',
});

/** The API stores each upload and answers with its id (here derived from the name). */
const uploadRoute = [
  'POST',
  /\/api\/tickets\/[^/]+\/attachments$/,
  (call: Call) => {
    const { filename, contentType, data } = call.body as {
      filename: string;
      contentType?: string;
      data: string;
    };
    return {
      status: 201,
      body: {
        id: `upload-${filename}`,
        filename,
        contentType: contentType ?? 'application/octet-stream',
        size: atob(data).length,
      },
    };
  },
] as const;
const messageRoute = [
  'POST',
  /\/api\/tickets\/[^/]+\/messages$/,
  (call: Call) => ({ status: 201, body: sentMessage(call) }),
] as const;

const fileInput = () => screen.getByLabelText('Attach files', { selector: 'input' }) as HTMLInputElement;

describe('attaching files to an email reply', () => {
  it('uploads each chosen file, shows it as a chip with its size, lets the agent remove one, and sends the ids of the rest', async () => {
    const calls = mockApi([[...uploadRoute], [...messageRoute]]);
    renderWithProviders(<Harness />);
    const quote = new File(['%PDF-1.4 quote'.padEnd(2048, '.')], 'quote.pdf', { type: 'application/pdf' });
    const photo = new File(['PNG'.padEnd(300, 'x')], 'chair.png', { type: 'image/png' });

    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
    await userEvent.upload(fileInput(), [quote, photo]);

    const chips = await screen.findByRole('list', { name: 'Attached files' });
    await waitFor(() => expect(within(chips).queryByText(/uploading/)).toBeNull());
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['quote.pdf 2 KB×', 'chair.png 300 B×']);
    const uploads = calls.filter((c) => c.url === `/api/tickets/${emailTicket.id}/attachments`);
    expect(uploads.map((c) => c.body)).toEqual([
      {
        filename: 'quote.pdf',
        contentType: 'application/pdf',
        data: btoa('%PDF-1.4 quote'.padEnd(2048, '.')),
      },
      { filename: 'chair.png', contentType: 'image/png', data: btoa('PNG'.padEnd(300, 'x')) },
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Remove chair.png' }));
    expect(within(chips).queryByText('chair.png')).toBeNull();

    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'The quote is attached.');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/messages'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/messages'))!.body).toEqual({
      kind: 'reply',
      format: 'markdown',
      body: 'The quote is attached.',
      attachmentIds: ['upload-quote.pdf'],
    });
    await screen.findByText('Reply queued for sending.');
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('shows why an upload was refused and does not send the reply until that file is removed', async () => {
    const calls = mockApi([
      [
        'POST',
        /\/attachments$/,
        {
          status: 413,
          body: {
            statusCode: 413,
            error: 'Payload Too Large',
            message: 'the file is 70000 bytes, over the 65536-byte limit for attachments',
          },
        },
      ],
      [...messageRoute],
    ]);
    renderWithProviders(<Harness />);
    await userEvent.upload(fileInput(), [new File(['x'.repeat(70_000)], 'video.mp4', { type: 'video/mp4' })]);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'over the 65536-byte limit for attachments',
    );

    await userEvent.type(screen.getByLabelText('Reply to the customer'), 'See the video');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(
      await screen.findByText('Remove the files that could not be uploaded before sending.'),
    ).toBeTruthy();
    expect(calls.filter((c) => c.url.endsWith('/messages'))).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Remove video.mp4' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(calls.find((c) => c.url.endsWith('/messages'))?.body).toEqual({
        kind: 'reply',
        format: 'markdown',
        body: 'See the video',
      }),
    );
  });

  it('is offered for email replies only: not on an SMS ticket, not for internal notes', async () => {
    mockApi([]);
    const sms = renderWithProviders(<Harness ticket={smsTicket} />);
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    sms.unmount();

    renderWithProviders(<Harness />);
    await userEvent.click(screen.getByRole('tab', { name: 'Internal note' }));
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
  });
});
