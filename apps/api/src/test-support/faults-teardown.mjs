// Prints the fault suite's table: what each scenario sent, what was acknowledged and stored,
// what was duplicated or lost, and how long the system took to recover.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import globalTeardown from './global-teardown.mjs';

const COLUMNS = [
  ['scenario', 'scenario'],
  ['sent', 'sent'],
  ['acknowledged', 'acknowledged'],
  ['stored', 'stored'],
  ['duplicated', 'duplicated'],
  ['lost', 'lost'],
  ['recoverySeconds', 'recovery time (s)'],
];

export default async function faultsTeardown() {
  await globalTeardown();
  const file = process.env.SWITCHBOARD_FAULTS_REPORT;
  if (!file || !existsSync(file)) return;
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
  rmSync(dirname(file), { recursive: true, force: true });
  const cells = rows.map((row) =>
    COLUMNS.map(([key]) => (row[key] === null || row[key] === undefined ? '-' : String(row[key]))),
  );
  const widths = COLUMNS.map(([, title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values) => '| ' + values.map((v, i) => v.padEnd(widths[i])).join(' | ') + ' |';
  const out = [
    '',
    'Fault suite',
    line(COLUMNS.map(([, title]) => title)),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.map(line),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}
