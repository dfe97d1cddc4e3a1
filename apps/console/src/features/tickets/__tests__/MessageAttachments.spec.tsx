import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '@switchboard/contracts';
import { renderWithProviders } from '../../../test-support/render';
import { setApiToken } from '../../../lib/api-client';
import { normalizeTimeline } from '../../../lib/timeline';
import { Timeline } from '../components/Timeline';

const sent: MessageView = {
  id: '30000000-0000-4000-8000-000000000042',
  ticketId: '20000000-0000-4000-8000-000000000042',
  direction: 'out',
  kind: 'message',
  channel: 'email',
  authorId: 'a',
  authorName: 'Ana Agent',
  text: 'The quote is attached.',
  html: null,
  deliveryState: 'sent',
  deliveryError: null,
  externalId: '<sb.1@support.test>',
  createdAt: '2026-11-20T10:00:00.000Z',
  attachments: [
    {
      filename: 'quote.pdf',
      contentType: 'application/pdf',
      size: 14_336,
      url: '/api/email/messages/30000000-0000-4000-8000-000000000042/attachments/0',
    },
    {
      filename: 'huge.mov',
      contentType: 'video/quicktime',
      size: 90 * 1024 * 1024,
      url: null,
      rejectedReason: 'over the limit',
    },
  ],
};

describe('attachments in the timeline', () => {
  it("lists the files of a sent email with their sizes and downloads one with the agent's token", async () => {
    const fetchMock = jest.fn<(input: string, init?: RequestInit) => Promise<unknown>>(async () => ({
      ok: true,
      status: 200,
      blob: async () => new Blob(['%PDF']),
    }));
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    const createObjectURL = jest.fn(() => 'blob:quote');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    setApiToken('agent-token');

    renderWithProviders(
      <Timeline
        entries={normalizeTimeline({ items: [{ ...sent, entry: 'message' }] })}
        nameOf={() => 'Someone'}
      />,
    );
    const list = screen.getByRole('list', { name: 'Attachments' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['quote.pdf 14 KB', 'huge.mov (not kept) 90.0 MB']);

    await userEvent.click(within(list).getByRole('link', { name: 'quote.pdf' }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/email/messages/30000000-0000-4000-8000-000000000042/attachments/0',
      { headers: { Authorization: 'Bearer agent-token' } },
    );
    setApiToken(null);
    clicked.mockRestore();
  });
});
