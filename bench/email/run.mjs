// bench/email: 2,000 mails APPENDed into a real Dovecot, then the time until the built API's
// watcher has made them all tickets, against the parse-only ceiling (mailparser on the same
// raw mails in one process). Needs Dovecot: scripts/ensure-system-deps.sh.
// Also printed: what the database alone takes to store the same rows set-wise (set-wise-rows.mjs),
// the API's event-loop lag during the run (from its /metrics, whose histogram
// restarts at every scrape) and its resident memory before, at the peak of and after the run.
// Usage: npx nx run api:build && node bench/email/run.mjs [total]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { createDatabase, fmt, freePort, postJson, startApi } from '../lib/harness.mjs';
import { setWiseRowsRate } from './set-wise-rows.mjs';

const TOTAL = Number(process.argv[2] ?? 2_000);
const USER = { user: 'bench@support.test', password: 'bench-pw' };
if (!existsSync('/usr/sbin/dovecot')) {
  console.error('Dovecot is missing: run scripts/ensure-system-deps.sh first');
  process.exit(1);
}

function makeMail(i) {
  const from = `customer-${i % 400}@customer.test`;
  const head = [
    `From: Customer ${i % 400} <${from}>`,
    `To: ${USER.user}`,
    `Subject: Order ${i} has not arrived`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench-${i}-${randomBytes(4).toString('hex')}@customer.test>`,
    'MIME-Version: 1.0',
  ];
  const text = `Hello,\r\n\r\nmy order ${i} has not arrived yet. Could you check?\r\n\r\nThanks\r\n-- \r\nCustomer ${i % 400}\r\n`;
  if (i % 10 === 0) {
    const b = `b${i}`;
    const html = `<p>Hello,</p><p>my order <b>${i}</b> has not arrived yet.</p><img src="cid:logo${i}">`;
    const png = Buffer.alloc(2048, i % 256)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    return `${head.join('\r\n')}\r\nContent-Type: multipart/related; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: multipart/alternative; boundary="${b}a"\r\n\r\n--${b}a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--${b}a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--${b}a--\r\n--${b}\r\nContent-Type: image/png\r\nContent-ID: <logo${i}>\r\nContent-Transfer-Encoding: base64\r\n\r\n${png}\r\n--${b}--\r\n`;
  }
  return `${head.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}`;
}

async function startDovecot() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), 65534, 65534);
  writeFileSync(join(dir, 'users'), `${USER.user}:{PLAIN}${USER.password}::::::\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    const up = await new Promise((ok) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), ok(true)));
      s.once('error', () => ok(false));
    });
    if (up) break;
    if (i > 1000) throw new Error('dovecot did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const mails = Array.from({ length: TOTAL }, (_, i) => Buffer.from(makeMail(i)));
const dovecot = await startDovecot();
const db = await createDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-email-'));
const METRICS_TOKEN = randomBytes(16).toString('hex');
// The account scan is left at its default: a new mailbox must be watched at once without it.
const api = await startApi(db.url, { DATA_DIR: dataDir, METRICS_TOKEN });

/** Resident set size of the API process, in MB. */
function rssMb() {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU seconds a process (or one of its threads) has used, from /proc. */
function cpuSeconds(path) {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return 0; // exited
  }
}

/**
 * CPU used so far by the API (all threads, and its main thread alone) and by the PostgreSQL
 * backends serving the bench's database: where the time per mail goes, whatever else runs.
 */
async function cpuNow(pgc) {
  const backends = (
    await pgc.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
  ).rows.map((r) => r.pid);
  return {
    api: cpuSeconds(`/proc/${api.pid}/stat`),
    main: cpuSeconds(`/proc/${api.pid}/task/${api.pid}/stat`),
    pg: new Map(backends.map((pid) => [pid, cpuSeconds(`/proc/${pid}/stat`)])),
  };
}

function cpuSpent(before, after) {
  let pgSeconds = 0;
  for (const [pid, seconds] of after.pg) pgSeconds += seconds - (before.pg.get(pid) ?? 0);
  return { api: after.api - before.api, main: after.main - before.main, pg: pgSeconds };
}

/** Samples the API's event-loop lag and memory until stopped. */
function watchApi() {
  const lag = { p99: 0, max: 0 };
  const heap = { start: 0, peak: 0 };
  let peakRss = rssMb();
  let running = true;
  const metric = (text, name) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? 0);
  const loop = (async () => {
    while (running) {
      peakRss = Math.max(peakRss, rssMb());
      const res = await fetch(`${api.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const text = await res.text();
      lag.p99 = Math.max(lag.p99, metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000);
      lag.max = Math.max(lag.max, metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000);
      // The main thread's V8 heap only: the rest of the RSS is the parser workers' heaps and native memory.
      const heapMb = metric(text, 'nodejs_heap_size_total_bytes') / 1048576;
      heap.start ||= heapMb;
      heap.peak = Math.max(heap.peak, heapMb);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { lag, heap, peakRss: Math.max(peakRss, rssMb()) };
  };
}
try {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: USER.user, pass: USER.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  await client.connect();
  const appendStart = performance.now();
  for (const raw of mails) await client.append('INBOX', raw);
  const appendSeconds = (performance.now() - appendStart) / 1000;
  await client.logout();

  // Settle, then start measuring from a quiet API: startup's own lag is not the ingest's.
  await new Promise((r) => setTimeout(r, 2000));
  const rssStart = rssMb();
  const loadStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const stopWatching = watchApi();
  const cpuClient = new pg.Client({ connectionString: db.url });
  await cpuClient.connect();
  const cpuStart = await cpuNow(cpuClient);
  const t0 = performance.now();
  const account = (
    await postJson(
      `${api.url}/api/admin/channel-accounts`,
      {
        kind: 'email',
        name: 'bench',
        config: {
          address: USER.user,
          imap: {
            host: '127.0.0.1',
            port: dovecot.port,
            secure: false,
            user: USER.user,
            password: USER.password,
          },
          smtp: { host: '127.0.0.1', port: 1, secure: false },
        },
      },
      { authorization: `Bearer ${api.token}` },
    )
  ).body;
  const pgc = new pg.Client({ connectionString: db.url });
  await pgc.connect();
  let stored = 0;
  const deadline = Date.now() + 30 * 60_000;
  while (stored < TOTAL && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    stored = (
      await pgc.query(
        `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND direction = 'in'`,
        [account.id],
      )
    ).rows[0].n;
  }
  const oursSeconds = (performance.now() - t0) / 1000;
  const cpu = cpuSpent(cpuStart, await cpuNow(cpuClient));
  await cpuClient.end();
  const { lag, heap, peakRss } = await stopWatching();
  const rssEnd = rssMb();
  const loadEnd = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const tickets = (
    await pgc.query(`SELECT count(*)::int AS n FROM tickets WHERE channel_account_id = $1`, [account.id])
  ).rows[0].n;
  await pgc.end();

  const p0 = performance.now();
  for (const raw of mails)
    await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  const parseSeconds = (performance.now() - p0) / 1000;

  const rowsRate = await setWiseRowsRate(db.url, TOTAL);

  const ours = stored / oursSeconds;
  const ceiling = TOTAL / parseSeconds;
  console.log(`bench/email  total=${TOTAL} (every 10th multipart with an inline image)`);
  console.log(
    `  APPEND into Dovecot          : ${fmt(TOTAL / appendSeconds, 0)} mails/s (${fmt(appendSeconds, 1)} s)`,
  );
  console.log(
    `  IMAP → tickets (the API)     : ${fmt(ours, 0)} mails/s  (${stored} messages in ${tickets} tickets, ${fmt(oursSeconds, 1)} s from account creation)`,
  );
  console.log(`  parse-only ceiling (mailparser, one process): ${fmt(ceiling, 0)} mails/s`);
  console.log(`  our share of the ceiling     : ${fmt((100 * ours) / ceiling, 0)}%`);
  console.log(
    `  the same rows, set-wise      : ${fmt(rowsRate, 0)} mails/s (${fmt((100 * rowsRate) / ceiling, 0)}% of the ceiling; database only, see set-wise-rows.mjs)`,
  );
  const perMail = (seconds) => fmt((1000 * seconds) / stored, 2);
  console.log(
    `  CPU per mail                 : API ${perMail(cpu.api)} ms (main thread ${perMail(cpu.main)} ms; the rest parser workers, V8's GC threads, libuv's pool), PostgreSQL backends ${perMail(cpu.pg)} ms; parse alone ${perMail(parseSeconds)} ms`,
  );
  console.log(`  API event-loop lag           : p99 ${fmt(lag.p99, 0)} ms, max ${fmt(lag.max, 0)} ms`);
  console.log(
    `  API RSS                      : ${fmt(rssStart, 0)} MB before, ${fmt(peakRss, 0)} MB peak, ${fmt(rssEnd, 0)} MB after`,
  );
  console.log(
    `  API main-thread V8 heap      : ${fmt(heap.start, 0)} MB at the start, ${fmt(heap.peak, 0)} MB peak`,
  );
  console.log(`  load average                 : ${loadStart} before, ${loadEnd} after`);
  if (stored !== TOTAL) process.exitCode = 1;
} finally {
  await api.stop();
  await db.drop();
  await dovecot.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
