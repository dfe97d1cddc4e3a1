// Prints the failures found in a test log: which suites failed and each failed test's first
// lines. CI shows only the tail of its output, and with several projects' output streamed one
// after another the failing test is otherwise far above it.
//
//   node scripts/failure-summary.mjs <log file>
import { readFileSync } from 'node:fs';

const LINES_PER_FAILURE = 25;
const MAX_FAILURES = 6;

const ansi = /\x1b\[[0-9;]*m/g;
// Nx prefixes each streamed line with its project ("api: ").
const projectPrefix = /^\s*[\w-]+:\s/;

const lines = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .map((line) => line.replace(ansi, '').replace(projectPrefix, ''));

const failedSuites = lines.filter((line) => /^\s*FAIL\s/.test(line));
const failedTaps = lines.filter((line) => /^\s*not ok \d+/.test(line));
const failureStarts = lines
  .map((line, index) => ({ line, index }))
  .filter(({ line }) => /^\s*● /.test(line) && !/^\s*● Console/.test(line));

console.log('---- failures in this run ----');
for (const line of [...new Set(failedSuites), ...failedTaps]) console.log(line.trim());
for (const { index } of failureStarts.slice(0, MAX_FAILURES)) {
  console.log('');
  const block = lines.slice(index, index + LINES_PER_FAILURE);
  const end = block.findIndex((line, i) => i > 0 && /^\s*(● |PASS\s|FAIL\s)/.test(line));
  console.log(
    block
      .slice(0, end === -1 ? undefined : end)
      .join('\n')
      .trimEnd(),
  );
}
if (failureStarts.length > MAX_FAILURES) console.log(`\n… and ${failureStarts.length - MAX_FAILURES} more`);
if (failedSuites.length + failedTaps.length + failureStarts.length === 0) {
  console.log('no failed test found in the log: the last lines were');
  console.log(lines.slice(-40).join('\n'));
}
