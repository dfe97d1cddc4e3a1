// Proves the lint still guards the architecture: a channel library that imports the database
// driver, or another channel, must fail `npm run lint`. Run by `npm run lint` after ESLint itself.
import { rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const probes = [
  {
    file: 'libs/channels/chat/src/lint-probe-db.ts',
    code: "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
    expect: 'not allowed to import "pg"',
  },
  {
    file: 'libs/channels/sms/src/lint-probe-channel.ts',
    code: "export { WebChatModule } from '@switchboard/channel-chat';\n",
    expect: 'type:channel',
  },
  {
    file: 'libs/domain/src/lint-probe-framework.ts',
    code: "export { Injectable } from '@nestjs/common';\n",
    expect: 'not allowed to import "@nestjs/common"',
  },
];

// Only the boundary rule, without type information: the same config, checked in seconds.
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === '@nx/enforce-module-boundaries',
  overrideConfig: { languageOptions: { parserOptions: { project: false } } },
});
const failures = [];
for (const probe of probes) {
  writeFileSync(probe.file, probe.code);
  try {
    const [result] = await eslint.lintFiles([probe.file]);
    const messages = result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
    if (!messages.some((m) => m.message.includes(probe.expect))) {
      failures.push(
        `${probe.file}: expected a boundary error containing '${probe.expect}', got ${JSON.stringify(result.messages.map((m) => m.message))}`,
      );
    }
  } finally {
    rmSync(probe.file, { force: true });
  }
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`lint config: ${probes.length} deliberate boundary violations each fail the lint`);
