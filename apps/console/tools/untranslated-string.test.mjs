// Every word the console shows comes from its catalogs (src/i18n): the lint refuses a literal an
// agent could see, and this probe proves it does, with the project's own ESLint config.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string',
  overrideConfig: { languageOptions: { parserOptions: { project: false } } },
});

const lint = async (code) => {
  const [result] = await eslint.lintText(code, {
    filePath: 'apps/console/src/features/tickets/lint-probe.tsx',
  });
  return result.messages.filter((m) => m.ruleId === 'i18next/no-literal-string');
};

test('English text written into a console component fails the lint', async () => {
  const problems = await lint('export const Probe = () => <button type="button">Send reply</button>;\n');
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0].message, /catalogs in src\/i18n/);
});

test('an English attribute an agent can see (aria-label, placeholder, title) fails the lint', async () => {
  const problems = await lint(
    'export const Probe = () => <input aria-label="Add tag" placeholder="Add tag" title="Tags" />;\n',
  );
  assert.equal(problems.length, 3, JSON.stringify(problems));
});

test('an English message set from code fails the lint', async () => {
  const problems = await lint(
    "declare const setError: (m: string) => void;\nexport const fail = () => setError('Sending failed.');\n",
  );
  assert.equal(problems.length, 1, JSON.stringify(problems));
});

test('words from the catalog, CSS classes, ids and symbols pass', async () => {
  const problems = await lint(
    'declare const t: (k: string) => string;\nexport const Probe = () => <button type="button" className="icon-button link-button" id="x" aria-label={t(\'common.close\')}>×</button>;\n',
  );
  assert.deepEqual(problems, []);
});
