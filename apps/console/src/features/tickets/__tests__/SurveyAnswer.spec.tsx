import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { Timeline } from '../components/Timeline';

describe('a survey answer on the timeline', () => {
  it('reads as a line from the customer with the score and their comment', () => {
    render(
      <Timeline
        nameOf={() => 'Someone'}
        contactName={null}
        entries={[
          {
            type: 'event',
            id: 'e1',
            createdAt: '2026-12-05T10:00:00.000Z',
            event: {
              id: 'e1',
              ticketId: 't1',
              type: 'survey',
              actorId: null,
              data: { kind: 'csat', score: 4, comment: 'Quick and kind', channel: 'web_chat' },
              createdAt: '2026-12-05T10:00:00.000Z',
            },
          },
        ]}
      />,
    );
    const answer = screen.getByRole('article', { name: 'Survey answer from Web visitor' });
    expect(within(answer).getByText('4/5')).toBeTruthy();
    expect(within(answer).getByText('Quick and kind')).toBeTruthy();
    expect(answer.textContent).toContain('Web visitor rated the conversation 4/5 in Web chat');
    expect(answer.textContent).not.toContain('System');
  });
});
