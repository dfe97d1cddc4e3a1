// The integration tests' PostgreSQL, plus a file each fault scenario appends its figures to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalSetup from './global-setup.mjs';

export default async function faultsSetup() {
  await globalSetup();
  process.env.SWITCHBOARD_FAULTS_REPORT = join(
    mkdtempSync(join(tmpdir(), 'switchboard-faults-')),
    'rows.jsonl',
  );
}
