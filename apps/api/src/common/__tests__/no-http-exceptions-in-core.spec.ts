import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Services, ports, stores, workers and the IMAP path run with no HTTP request around them, so
 * they throw domain errors (`@switchboard/domain`) and never Nest's HTTP exceptions; only
 * controllers and the one exception filter speak HTTP.
 */
function coreSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', '__tests__', '__fixtures_tests__', 'test-support'].includes(entry.name)
        ? []
        : coreSourceFiles(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || entry.name.endsWith('.spec.ts'))
      return [];
    if (entry.name.endsWith('.controller.ts') || entry.name === 'http-error.filter.ts') return [];
    return [path];
  });
}

/** The `…Exception` names a file imports from `@nestjs/common` (HttpException, NotFoundException, …). */
function nestExceptionImports(source: string): string[] {
  const imports = source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]@nestjs\/common['"]/g);
  return [...imports]
    .flatMap((m) =>
      m[1].split(',').map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0],
      ),
    )
    .filter((name) => /Exception$/.test(name));
}

describe('core code throws domain errors', () => {
  const files = [
    ...coreSourceFiles(join(repoRoot, 'apps/api/src')),
    ...coreSourceFiles(join(repoRoot, 'libs')),
  ];

  it('looks at the services, guards and channel libraries', () => {
    // Guards the scan itself: an empty list would pass vacuously.
    const scanned = files.map((f) => relative(repoRoot, f));
    expect(scanned).toEqual(
      expect.arrayContaining([
        'apps/api/src/ingest/ingest.service.ts',
        'apps/api/src/auth/auth.guard.ts',
        'libs/channels/email/src/channel/admin-only.guard.ts',
      ]),
    );
  });

  it('imports no Nest HTTP exception outside controllers and the exception filter', () => {
    const offenders = files.flatMap((f) =>
      nestExceptionImports(readFileSync(f, 'utf8')).map((name) => `${relative(repoRoot, f)}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
