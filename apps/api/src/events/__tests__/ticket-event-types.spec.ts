import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

const files = [join(repoRoot, 'apps/api/src'), join(repoRoot, 'libs')]
  .flatMap(sources)
  .map((file) => ({ path: relative(repoRoot, file), source: readFileSync(file, 'utf8') }));
const code = files.map((file) => file.source);

/**
 * Timeline events are written only by the ticket writer, whose `type` parameter is the domain's
 * `TicketEventType`, so the compiler holds every write to the list; these keep it that way.
 */
describe('ticket event types', () => {
  it('writes timeline events only through the ticket writer', () => {
    const writers = files
      .filter((file) => file.source.includes('INSERT INTO ticket_events'))
      .map((file) => file.path);
    expect(writers).toEqual(['apps/api/src/tickets/ticket-writer.ts']);
  });

  it('lists no type that the code never writes', () => {
    const everything = code.join('\n');
    expect(TICKET_EVENT_TYPES.filter((type) => !everything.includes(`'${type}'`))).toEqual([]);
  });
});
