// Web chat widget benchmark: the size the host page downloads, and with many visitors
// connected at once, how long an agent's reply takes to reach the visitor and what the API holds
// in memory. Needs the built API and widget (`npx nx run-many -t build --projects=api,widget`).
//   node bench/widget/run.mjs            (VISITORS=2000 REPLIES=300 CONCURRENCY=20)
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { io } from 'socket.io-client';
import { createDatabase, fmt, percentile, postJson, runConcurrent, startApi } from '../lib/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VISITORS = Number(process.env.VISITORS ?? 2000);
const REPLIES = Number(process.env.REPLIES ?? 300);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

// 1. Size: widget.js carries its CSS inside (one file), so its gzip size is the whole cost.
const widget = readFileSync(resolve(root, 'apps/widget/dist/widget.js'));
const gz = gzipSync(widget, { level: 9 }).length;
console.log(
  `widget.js: ${fmt(widget.length / 1024)} KB raw, ${fmt(gz / 1024)} KB gzip (JS + CSS; budget 40 KB) ${gz <= 40 * 1024 ? 'OK' : 'OVER BUDGET'}`,
);

const db = await createDatabase();
// Every visitor here comes from 127.0.0.1: per-IP limits would (rightly) stop them.
const api = await startApi(db.url, {
  WIDGET_IP_SESSIONS_PER_MINUTE: '0',
  WIDGET_IP_MESSAGES_PER_MINUTE: '0',
});
const sockets = [];
try {
  const auth = { authorization: `Bearer ${api.token}` };
  const account = await postJson(
    `${api.url}/api/admin/channel-accounts`,
    { kind: 'web_chat', name: 'Bench chat', config: {} },
    auth,
  );
  if (account.status !== 201)
    throw new Error(`create account: ${account.status} ${JSON.stringify(account.body)}`);
  const accountId = account.body.id;
  const rssIdle = rssMb(api.pid);

  // 2. Connect the visitors: a session each, then a /widget socket each, all held open.
  const visitors = new Array(VISITORS);
  const connect = await runConcurrent(VISITORS, 50, async (i) => {
    const s = await postJson(`${api.url}/api/widget/${accountId}/session`, {});
    if (s.status !== 200) throw new Error(`session ${i}: ${s.status}`);
    const socket = io(`${api.url}/widget`, {
      auth: { accountId, token: s.body.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise((ok, fail) => {
      socket.once('connect', ok);
      socket.once('connect_error', fail);
    });
    sockets.push(socket);
    visitors[i] = { socket };
  });
  console.log(`${VISITORS} widget sockets connected in ${fmt(connect.seconds)} s`);

  // 3. A sample of them write (opening tickets), then agents answer each over REST; the clock
  // runs from the reply request to the 'message' event on that visitor's socket.
  const sample = visitors.slice(0, Math.min(REPLIES, VISITORS));
  await runConcurrent(sample.length, CONCURRENCY, async (i) => {
    const ack = await sample[i].socket
      .timeout(30_000)
      .emitWithAck('message.send', { text: `question ${i}`, clientId: `bench-${i}` });
    if (!ack.ok) throw new Error(`message ${i}: ${ack.error}`);
    sample[i].ticketId = ack.ticketId;
  });
  await new Promise((r) => setTimeout(r, 500));
  const rssConnected = rssMb(api.pid);
  const delivery = await runConcurrent(sample.length, CONCURRENCY, async (i) => {
    const v = sample[i];
    const arrived = new Promise((ok) => {
      const onMessage = (p) => {
        if (p.message.direction === 'out') {
          v.socket.off('message', onMessage);
          ok();
        }
      };
      v.socket.on('message', onMessage);
    });
    const res = await postJson(
      `${api.url}/api/tickets/${v.ticketId}/messages`,
      { kind: 'reply', body: `answer ${i}` },
      auth,
    );
    if (res.status !== 201) throw new Error(`reply ${i}: ${res.status}`);
    await arrived;
  });
  const lat = delivery.latencies;
  console.log(
    `agent reply → visitor socket, ${lat.length} replies at concurrency ${CONCURRENCY} with ${VISITORS} sockets open:`,
  );
  console.log(
    `  p50 ${fmt(percentile(lat, 50))} ms   p99 ${fmt(percentile(lat, 99))} ms   max ${fmt(Math.max(...lat))} ms   (${fmt(lat.length / delivery.seconds)} replies/s)`,
  );
  console.log(
    `API resident memory: ${fmt(rssIdle)} MB idle → ${fmt(rssConnected)} MB with ${VISITORS} sockets (${fmt(((rssConnected - rssIdle) * 1024) / VISITORS)} KB per socket) → ${fmt(rssMb(api.pid))} MB after the replies`,
  );
} finally {
  for (const s of sockets) s.close();
  await api.stop();
  await db.drop();
}
