import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
const eslint = new ESLint({ cwd: '/work/wt-i18n', ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string', overrideConfig: { languageOptions: { parserOptions: { project: false } } } });
const results = await eslint.lintFiles(process.argv.slice(2));
const counts = {};
for (const r of results) {
  const lines = readFileSync(r.filePath, 'utf8').split('\n');
  const fn = r.filePath.replace('/work/wt-i18n/apps/console/src/', '');
  for (const m of r.messages) {
    if (m.ruleId !== 'i18next/no-literal-string') { if (m.fatal) console.log('FATAL', fn, m.message); continue; }
    counts[fn] = (counts[fn] ?? 0) + 1;
    if (process.env.SHOW) console.log(`${fn}:${m.line}: ${lines[m.line - 1].trim().slice(0, 150)}`);
  }
}
if (!process.env.SHOW) for (const [k, v] of Object.entries(counts).sort()) console.log(v, k);
console.log('total', Object.values(counts).reduce((a, b) => a + b, 0));
