import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import type { MessageView } from '@switchboard/contracts';
import { normalizeTimeline } from '../../../lib/timeline';
import { Timeline } from '../components/Timeline';

function customerSays(text: string): MessageView {
  return {
    id: 'm1',
    ticketId: 't1',
    direction: 'in',
    kind: 'message',
    channel: 'sms',
    authorId: null,
    authorName: 'Carla',
    text,
    html: null,
    deliveryState: null,
    deliveryError: null,
    externalId: null,
    createdAt: '2026-11-20T10:00:00.000Z',
  };
}

function show(text: string) {
  const entries = normalizeTimeline({ items: [{ ...customerSays(text), entry: 'message' }] });
  render(<Timeline entries={entries} nameOf={(id) => id ?? 'Someone'} />);
  return screen.getByRole('article');
}

describe('links in messages', () => {
  it('web and mail addresses in a message open safely in a new tab', () => {
    const article = show('See https://example.com/order?id=7, or write to help@example.com. Thanks');
    const web = screen.getByRole('link', { name: 'https://example.com/order?id=7' });
    expect(web.getAttribute('href')).toBe('https://example.com/order?id=7');
    expect(web.getAttribute('target')).toBe('_blank');
    expect(web.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe(
      'mailto:help@example.com',
    );
    expect(article.textContent).toContain(
      'See https://example.com/order?id=7, or write to help@example.com. Thanks',
    );
  });

  it('a javascript: address stays text, and markup in a message is never HTML', () => {
    const article = show('click javascript:alert(document.cookie) <img src=x onerror=alert(1)>');
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(article.querySelector('img')).toBeNull();
    expect(article.textContent).toContain('javascript:alert(document.cookie) <img src=x onerror=alert(1)>');
  });

  it('ftp and other schemes are not links', () => {
    show('old files at ftp://files.example.com/pub');
    expect(screen.queryAllByRole('link')).toEqual([]);
  });
});
