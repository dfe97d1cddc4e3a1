import { Fragment, type ReactNode } from 'react';
import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt();
/** Only these become links; anything else a customer writes stays text. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Plain message text with its web and mail addresses as links (linkify-it finds them). Built
 * as React elements, never as HTML, so what a customer writes can only ever be text or a link.
 */
export function LinkifiedText({ text }: { text: string }) {
  const matches = linkify.test(text) ? (linkify.match(text) ?? []) : [];
  if (matches.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  matches.forEach((match, i) => {
    const href = safeHref(match.url);
    if (!href) return;
    if (match.index > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, match.index)}</Fragment>);
    parts.push(
      <a key={`a${i}`} href={href} target="_blank" rel="noopener noreferrer">
        {match.text}
      </a>,
    );
    at = match.lastIndex;
  });
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}
