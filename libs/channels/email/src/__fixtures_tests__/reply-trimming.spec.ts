import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trimReply } from '../content/reply-trimmer.js';
import { fixturesDir } from './fixtures-dir.js';

/** What we achieve today; raise it when the trimmer improves, never lower it. */
const EXACT_MATCH_FLOOR = 48;

const dir = join(fixturesDir(), 'reply-trimming');
const names = readdirSync(join(dir, 'emails'))
  .filter((n) => n.endsWith('.txt'))
  .sort();
const read = (sub: string, name: string) => {
  try {
    return readFileSync(join(dir, sub, name), 'utf8');
  } catch {
    return '';
  }
};

/** Compare content, not wrapping: unwrapped attributions lose their line breaks and `>` marks. */
const squash = (s: string) =>
  s
    .replace(/^[\s>|-]*(?:[A-Za-z]{1,12}>)?[\s>|-]*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('reply trimming against the email_reply_trimmer corpus', () => {
  const results = names.map((name) => {
    const email = read('emails', name);
    const got = trimReply(email);
    const trimmed = read('trimmed', name).trim();
    const elided = read('elided', name).trim();
    return {
      name,
      email,
      got,
      trimmed,
      elided,
      visibleOk: got.visible === trimmed,
      elidedOk: got.elided === elided,
    };
  });

  it('has the 48 emails of the corpus', () => {
    expect(names).toHaveLength(48);
  });

  it('shows exactly the reply for at least the known number of emails', () => {
    const exact = results.filter((r) => r.visibleOk && r.elidedOk);
    const misses = results
      .filter((r) => !(r.visibleOk && r.elidedOk))
      .map((r) => `${r.name}${r.visibleOk ? '' : ' (visible)'}${r.elidedOk ? '' : ' (elided)'}`);
    console.log(
      `reply trimming: ${exact.length}/${results.length} match exactly (visible and elided)` +
        (misses.length ? `\nmisses: ${misses.join(', ')}` : ''),
    );
    expect(exact.length).toBeGreaterThanOrEqual(EXACT_MATCH_FLOOR);
  });

  it.each(names)('%s: nothing is discarded', (name) => {
    const r = results.find((x) => x.name === name)!;
    const kept = squash(`${r.got.visible}\n${r.got.elided}`);
    const lost = r.email
      .split(/\r?\n/)
      .map(squash)
      .filter((line) => line && !kept.includes(line));
    expect(lost).toEqual([]);
  });
});
