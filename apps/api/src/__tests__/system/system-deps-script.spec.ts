import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * scripts/ensure-system-deps.sh must notice each file the mail, browser and topology tests run, not only
 * the dovecot binary: imapd without lmtpd breaks every email test. Checked against a fake root.
 */
const SCRIPT = fileURLToPath(new URL('../../../../../scripts/ensure-system-deps.sh', import.meta.url));
const ALL = [
  '/usr/sbin/dovecot',
  '/usr/lib/dovecot/imap',
  '/usr/lib/dovecot/imap-login',
  '/usr/lib/dovecot/lmtp',
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/sbin/haproxy',
  '/usr/bin/redis-server',
];

describe('ensure-system-deps.sh --check', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  function check(present: string[]) {
    const root = mkdtempSync(join(tmpdir(), 'sb-deps-'));
    roots.push(root);
    for (const file of present) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '#!/bin/sh\n');
      chmodSync(join(root, file), 0o755);
    }
    const run = spawnSync('bash', [SCRIPT, '--check'], {
      env: { ...process.env, SYSTEM_DEPS_ROOT: root },
      encoding: 'utf8',
    });
    return {
      status: run.status,
      packages: run.stdout.trim().split(/\s+/).filter(Boolean),
      stderr: run.stderr,
    };
  }

  it('passes when every file is there', () => {
    expect(check(ALL)).toMatchObject({ status: 0, packages: [] });
  });

  it('names dovecot-lmtpd when only the LMTP server is missing', () => {
    const result = check(ALL.filter((f) => f !== '/usr/lib/dovecot/lmtp'));
    expect(result).toMatchObject({ status: 1, packages: ['dovecot-lmtpd'] });
    expect(result.stderr).toContain('missing /usr/lib/dovecot/lmtp (package dovecot-lmtpd)');
  });

  it('names haproxy when the proxy of the deployment topology is missing', () => {
    expect(check(ALL.filter((f) => f !== '/usr/sbin/haproxy'))).toMatchObject({
      status: 1,
      packages: ['haproxy'],
    });
  });

  it('names each package once when nothing is installed', () => {
    expect(check([])).toMatchObject({
      status: 1,
      packages: ['dovecot-core', 'dovecot-imapd', 'dovecot-lmtpd', 'chromium', 'haproxy', 'redis-server'],
    });
  });
});
