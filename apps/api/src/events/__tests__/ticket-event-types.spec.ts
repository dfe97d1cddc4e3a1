import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TICKET_EVENT_TYPES } from '@switchboard/domain';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (
      name === 'node_modules' ||
      name === 'dist' ||
      name === '__tests__' ||
      name === '__fixtures_tests__' ||
      name === 'test-support'
    )
      continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

const code = [join(repoRoot, 'apps/api/src'), join(repoRoot, 'libs')]
  .flatMap(sources)
  .map((file) => readFileSync(file, 'utf8'));

/**
 * The typed writers (`type: TicketEventType`) are checked by the compiler; SQL that names its
 * event type as a literal is not, so this reads those statements and holds them to the list.
 */
describe('ticket event types', () => {
  it('lists in the domain every type an INSERT INTO ticket_events writes as a literal', () => {
    const literal = /INSERT INTO ticket_events\s*\([^)]*\)\s*(?:VALUES\s*\(|SELECT)[^`']*'([a-z_]+)'/g;
    const written = new Set(code.flatMap((source) => [...source.matchAll(literal)].map((m) => m[1])));
    expect(written.size).toBeGreaterThan(0);
    expect([...written].filter((type) => !(TICKET_EVENT_TYPES as readonly string[]).includes(type))).toEqual(
      [],
    );
  });

  it('lists no type that the code never writes', () => {
    const everything = code.join('\n');
    expect(TICKET_EVENT_TYPES.filter((type) => !everything.includes(`'${type}'`))).toEqual([]);
  });
});
