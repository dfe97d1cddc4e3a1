// The lint guards the architecture: a channel library that imports the database driver or another
// channel, or the domain that imports Nest, must fail `npm run lint`. Each probe is linted as if it
// were a file at that path, with the project's own ESLint config.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const probes = [
  {
    name: 'a channel library importing the database driver',
    filePath: 'libs/channels/chat/src/lint-probe-db.ts',
    code: "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
    expect: 'not allowed to import "pg"',
  },
  {
    name: 'a channel library importing another channel',
    filePath: 'libs/channels/sms/src/lint-probe-channel.ts',
    code: "export { WebChatModule } from '@switchboard/channel-chat';\n",
    expect: 'type:channel',
  },
  {
    name: 'the domain importing a framework',
    filePath: 'libs/domain/src/lint-probe-framework.ts',
    code: "export { Injectable } from '@nestjs/common';\n",
    expect: 'not allowed to import "@nestjs/common"',
  },
];

// Only the boundary rule, without type information: the same config, checked in seconds.
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === '@nx/enforce-module-boundaries',
  overrideConfig: { languageOptions: { parserOptions: { project: false } } },
});

for (const probe of probes) {
  test(`the lint refuses ${probe.name}`, async () => {
    const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
    const boundaryErrors = result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
    assert.ok(
      boundaryErrors.some((m) => m.message.includes(probe.expect)),
      `expected a boundary error containing '${probe.expect}', got ${JSON.stringify(result.messages.map((m) => m.message))}`,
    );
  });
}
