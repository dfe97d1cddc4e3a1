import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: four levels above this folder (libs/channels/email/src/__fixtures_tests__). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** `SWITCHBOARD_FIXTURES`, else `../shared/fixtures` beside the repository. Fails loudly when absent. */
export function fixturesDir(): string {
  const dir = resolve(repoRoot, process.env['SWITCHBOARD_FIXTURES'] ?? '../shared/fixtures');
  if (!existsSync(dir)) {
    throw new Error(`fixtures not found at ${dir}: set SWITCHBOARD_FIXTURES to the shared fixtures folder`);
  }
  return dir;
}
