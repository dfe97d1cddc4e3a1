// Every word the widget shows comes from its catalogs (src/i18n): the lint refuses a literal that
// could reach the page, and this probe proves it does, with the project's own ESLint config.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string',
  overrideConfig: { languageOptions: { parserOptions: { project: false } } },
});

const lint = async (code) => {
  const [result] = await eslint.lintText(code, { filePath: 'apps/widget/src/view/lint-probe.ts' });
  return result.messages.filter((m) => m.ruleId === 'i18next/no-literal-string');
};

test('an English sentence written into the widget fails the lint', async () => {
  const problems = await lint(
    "export const button = (h: (...a: unknown[]) => unknown) => h('button', { class: 'send' }, 'Send');\n",
  );
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0].message, /catalogs in src\/i18n/);
});

test('a visible attribute (aria-label, placeholder) written in English fails the lint', async () => {
  const problems = await lint(
    "export const attrs = { 'aria-label': 'Close chat', placeholder: 'Write a message…' };\n",
  );
  assert.equal(problems.length, 2, JSON.stringify(problems));
});

test('words from the catalog, tag names and codes pass', async () => {
  const problems = await lint(
    "declare const t: (k: string) => string;\nexport const ok = [t('composer.send'), 'button', 'message.send', 'connection_down'];\n",
  );
  assert.deepEqual(problems, []);
});
