// Webhook ingest benchmark: 10,000 signed Twilio SMS webhooks at concurrency 32 against the
// built API, and in the same run 10,000 API-channel inbound posts, to show that signature
// checking and form parsing are not the bottleneck (target: Twilio ≥ 80% of the API rate).
//
//   npx nx run-many -t build --projects=api,channel-sms,channel-meta,channel-telegram,channel-kit
//   node bench/webhooks/run.mjs
//
// Env: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_COUNT (10000),
// BENCH_CONCURRENCY (32), BENCH_SENDERS (3000).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'apps/api/dist/main.js');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 3000);
const PUBLIC_URL = 'https://bench.example.com';
const ADMIN = {
  email: 'bench@switchboard.local',
  password: 'bench-password-' + randomBytes(6).toString('hex'),
};

if (!existsSync(main)) {
  console.error(
    `${main} is missing: build first (npx nx run-many -t build --projects=api,channel-sms,channel-meta,channel-telegram,channel-kit)`,
  );
  process.exit(1);
}

const freePort = () =>
  new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });

async function admin(work) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** X-Twilio-Signature as Twilio documents it: base64 HMAC-SHA1 of URL + sorted name/value pairs. */
function signTwilio(authToken, url, params) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sends every prepared request with `CONCURRENCY` workers; returns rate and latency figures. */
async function run(label, requests, quiet = false) {
  const latencies = new Array(requests.length);
  let next = 0;
  let failures = 0;
  let firstFailure = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const i = next++;
        if (i >= requests.length) return;
        const { url, init } = requests[i];
        const t0 = performance.now();
        try {
          const res = await fetch(url, init);
          await res.arrayBuffer();
          if (res.status !== 200) {
            failures++;
            firstFailure ??= `HTTP ${res.status}`;
          }
        } catch (err) {
          failures++;
          firstFailure ??= err.message;
        }
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.filter((x) => x !== undefined).sort((a, b) => a - b);
  const result = {
    label,
    count: requests.length,
    seconds,
    rate: requests.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures,
    firstFailure,
    latencies: sorted,
  };
  if (!quiet || failures) print(result);
  return result;
}

/** One line of figures. */
function print(result) {
  const { label, failures, firstFailure } = result;
  console.log(
    `${label.padEnd(22)} ${String(result.count).padStart(6)} msgs  ${result.rate.toFixed(0).padStart(6)} msg/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms` +
      (failures ? `  FAILURES ${failures} (first: ${firstFailure})` : ''),
  );
}

/** Rounds of one channel as one figure: all messages over all the time spent sending them. */
function report(label, rounds) {
  const count = rounds.reduce((n, r) => n + r.count, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const sorted = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const failures = rounds.reduce((n, r) => n + r.failures, 0);
  const result = {
    label,
    count,
    seconds,
    rate: count / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures,
    firstFailure: rounds.find((r) => r.firstFailure)?.firstFailure ?? null,
  };
  print(result);
  return result;
}

async function waitForHealth(base, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become healthy within 60 s');
}

async function call(base, method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const dbName = `sb_bench_${randomBytes(5).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
let child;
try {
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${dbName}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SWITCHBOARD_SECRETS_KEY: randomBytes(32).toString('base64'),
      SWITCHBOARD_SEED_DEMO: 'false',
      SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(base, child);
  const { token } = await call(base, 'POST', '/api/auth/login', { body: ADMIN });

  const authToken = randomBytes(16).toString('hex');
  const accountSid = 'AC' + randomBytes(16).toString('hex');
  const twilio = await call(base, 'POST', '/api/admin/channel-accounts', {
    token,
    body: {
      kind: 'twilio_sms',
      name: 'Bench SMS',
      config: { accountSid, authToken, from: '+15005550006', publicUrl: PUBLIC_URL },
    },
  });
  const api = await call(base, 'POST', '/api/admin/channel-accounts', {
    token,
    body: { kind: 'api', name: 'Bench API', config: {} },
  });

  // Requests are prepared (and signed) before the clock starts: the client must not be what is measured.
  const twilioPath = `/api/webhooks/twilio/${twilio.id}`;
  const twilioRequests = (n, tag) =>
    Array.from({ length: n }, (_, i) => {
      const sid = 'SM' + randomBytes(16).toString('hex');
      const params = {
        ToCountry: 'US',
        ToState: 'CA',
        SmsMessageSid: sid,
        NumMedia: '0',
        ToCity: '',
        FromZip: '',
        SmsSid: sid,
        FromState: 'CA',
        SmsStatus: 'received',
        FromCity: '',
        Body: `${tag} message ${i}: where is my order?`,
        FromCountry: 'US',
        To: '+15005550006',
        ToZip: '',
        NumSegments: '1',
        ReferralNumMedia: '0',
        MessageSid: sid,
        AccountSid: accountSid,
        From: `+1415${String(2_000_000 + (i % SENDERS)).padStart(7, '0')}`,
        ApiVersion: '2010-04-01',
      };
      return {
        url: base + twilioPath,
        init: {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signTwilio(authToken, PUBLIC_URL + twilioPath, params),
          },
          body: new URLSearchParams(params).toString(),
        },
      };
    });
  const apiRequests = (n, tag) =>
    Array.from({ length: n }, (_, i) => ({
      url: `${base}/api/channels/api/${api.id}/inbound`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
        body: JSON.stringify({
          externalId: `${tag}-${i}-${randomBytes(4).toString('hex')}`,
          from: { handle: `customer-${i % SENDERS}@bench.example.com` },
          text: `${tag} message ${i}: where is my order?`,
        }),
      },
    }));

  console.log(
    `Switchboard webhook benchmark: ${COUNT} messages per channel, concurrency ${CONCURRENCY}, ${SENDERS} distinct senders`,
  );
  await run('warm-up (twilio)', twilioRequests(500, 'warm'), true);
  await run('warm-up (api)', apiRequests(500, 'warm'), true);
  // The two channels alternate in rounds, so load from anything else on the machine falls on both alike.
  const ROUNDS = 5;
  const twilioRounds = [];
  const apiRounds = [];
  const tw = twilioRequests(COUNT, 'tw');
  const ap = apiRequests(COUNT, 'api');
  const size = Math.ceil(COUNT / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    twilioRounds.push(await run(`twilio round ${r + 1}`, tw.slice(r * size, (r + 1) * size), true));
    apiRounds.push(await run(`api round ${r + 1}`, ap.slice(r * size, (r + 1) * size), true));
  }
  const twilioResult = report('twilio webhooks', twilioRounds);
  const apiResult = report('api-channel inbound', apiRounds);

  const stored = await admin(async () => {
    const c = new pg.Client({ connectionString: dbUrl.toString() });
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND text LIKE 'tw %'`,
        [twilio.id],
      );
      return rows[0].n;
    } finally {
      await c.end();
    }
  });
  const share = (twilioResult.rate / apiResult.rate) * 100;
  console.log(`stored twilio messages: ${stored} of ${COUNT}`);
  console.log(
    `twilio share of the api-channel rate: ${share.toFixed(1)}% (target ≥ 80%) ${share >= 80 ? 'OK' : 'BELOW TARGET'}`,
  );
  if (twilioResult.failures || apiResult.failures || stored !== COUNT) process.exitCode = 1;
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((err) =>
    console.error(`could not drop ${dbName}: ${err.message}`),
  );
  rmSync(dataDir, { recursive: true, force: true });
}
