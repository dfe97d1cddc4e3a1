// Module boundaries (the "lint" target): libs never import apps, channel libs never import each
// other nor the database (they reach the core through the kit's ports), and the pure libs
// (domain, contracts) import no framework or database code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2];
const FRAMEWORK = /^(@nestjs\/|typeorm|pg$|socket\.io|ioredis|react)/;
const DATABASE = /^(pg$|typeorm|@nestjs\/typeorm)/;
const isPure = /^libs\/(domain|contracts)\b/.test(root);
const channel = root.match(/^libs\/channels\/([^/]+)/)?.[1];
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(name)) check(path);
  }
}

function check(file) {
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const where = relative(process.cwd(), file);
    if (root.startsWith('libs/') && (spec.includes('/apps/') || spec.startsWith('@switchboard/api')))
      problems.push(`${where}: a lib imports an app (${spec})`);
    if (isPure && FRAMEWORK.test(spec) && !file.includes('__tests__'))
      problems.push(`${where}: pure lib imports ${spec}`);
    if (channel && DATABASE.test(spec) && !file.includes('__tests__'))
      problems.push(`${where}: channel lib imports database code (${spec}); use a port of the kit`);
    const other = spec.match(/^@switchboard\/channel-([^/]+)/)?.[1];
    if (channel && channel !== 'kit' && other && other !== 'kit' && other !== channel)
      problems.push(`${where}: channel ${channel} imports channel ${other}`);
  }
}

walk(join(root, 'src'));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${root}: boundaries ok`);
