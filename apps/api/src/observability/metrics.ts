import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read when scraped; each source is optional (a worker has no sockets, a web node no watchers). */
export interface MetricSources {
  outbox?: () => Promise<Array<{ queue: string; backlog: number; oldestAgeSeconds: number }>>;
  dbPool?: () => { total: number; idle: number; waiting: number };
  sockets?: () => Record<string, number>;
  mailboxes?: () => Array<{
    accountId: string;
    connected: boolean;
    processed: number;
    lastFetchAt: Date | null;
  }>;
}

/**
 * The Prometheus series of one app. Each app has its own registry (tests run several apps in
 * one process), and gauges are read from their sources at scrape time, so an idle node costs nothing.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricSources = {};

  readonly httpDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly inbound = new Counter({
    name: 'switchboard_inbound_messages_total',
    help: 'Inbound messages by channel kind and result (stored, duplicate, rejected)',
    labelNames: ['channel', 'result'],
    registers: [this.registry],
  });
  readonly dispatchAttempts = new Counter({
    name: 'switchboard_dispatch_attempts_total',
    help: 'Outbound send attempts by channel kind',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  readonly dispatchFailures = new Counter({
    name: 'switchboard_dispatch_failures_total',
    help: 'Outbound send attempts that failed, by channel kind and outcome (retrying, failed)',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  readonly slaSweepDuration = new Histogram({
    name: 'switchboard_sla_sweep_duration_seconds',
    help: 'Duration of one SLA sweep',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly slaDue = new Counter({
    name: 'switchboard_sla_due_checks_total',
    help: 'SLA checks that fell due and were handled, by outcome (claimed, warning, breach)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const sources = () => this.sources;
    // Both outbox gauges are collected in the same scrape: they share one query in flight.
    let outboxInFlight: ReturnType<typeof readOutbox> | null = null;
    const readOutbox = async () =>
      (await sources()
        .outbox?.()
        .catch(() => [])) ?? [];
    const outbox = () =>
      (outboxInFlight ??= readOutbox().finally(() => {
        outboxInFlight = null;
      }));
    new Gauge({
      name: 'switchboard_outbox_backlog',
      help: 'Rows waiting in an outbox (events not yet fanned out, outbound sends not yet done)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        for (const q of await outbox()) this.set({ queue: q.queue }, q.backlog);
      },
    });
    new Gauge({
      name: 'switchboard_outbox_oldest_age_seconds',
      help: 'Age of the oldest row waiting in an outbox',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        for (const q of await outbox()) this.set({ queue: q.queue }, q.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'switchboard_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting requests)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = sources().dbPool?.();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    new Gauge({
      name: 'switchboard_socket_connections',
      help: 'Open socket.io connections on this node by namespace',
      labelNames: ['namespace'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [namespace, n] of Object.entries(sources().sockets?.() ?? {})) this.set({ namespace }, n);
      },
    });
    new Gauge({
      name: 'switchboard_mailbox_watcher_connected',
      help: 'Mailbox watchers this node runs: 1 while connected to the IMAP server, 0 while reconnecting',
      labelNames: ['mailbox'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const w of sources().mailboxes?.() ?? [])
          this.set({ mailbox: w.accountId }, w.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'switchboard_mailbox_messages_processed',
      help: 'Mails a watcher on this node has stored since it started',
      labelNames: ['mailbox'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const w of sources().mailboxes?.() ?? []) this.set({ mailbox: w.accountId }, w.processed);
      },
    });
    new Gauge({
      name: 'switchboard_mailbox_last_fetch_timestamp_seconds',
      help: 'When a watcher on this node last read its mailbox to the end without an error (Unix time); alert on its age',
      labelNames: ['mailbox'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const w of sources().mailboxes?.() ?? [])
          if (w.lastFetchAt) this.set({ mailbox: w.accountId }, w.lastFetchAt.getTime() / 1000);
      },
    });
  }

  attach(sources: MetricSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  inboundResult(channel: string, result: 'stored' | 'duplicate' | 'rejected'): void {
    this.inbound.inc({ channel, result });
  }

  /** Times an SLA sweep and counts what it handled. */
  async timeSlaSweep<T extends { claimed: number; warnings: number; breaches: number }>(
    sweep: () => Promise<T>,
  ): Promise<T> {
    const end = this.slaSweepDuration.startTimer();
    try {
      const r = await sweep();
      if (r.claimed) this.slaDue.inc({ outcome: 'claimed' }, r.claimed);
      if (r.warnings) this.slaDue.inc({ outcome: 'warning' }, r.warnings);
      if (r.breaches) this.slaDue.inc({ outcome: 'breach' }, r.breaches);
      return r;
    } finally {
      end();
    }
  }
}
