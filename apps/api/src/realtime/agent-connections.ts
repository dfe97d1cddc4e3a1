import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { Db } from '../common/db.js';
import { deploymentPrefix } from '../common/deployment-prefix.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AvailabilityService } from '../routing/availability.service.js';

/**
 * Where the deployment keeps "agent U has a live socket on node N", each entry stamped with
 * the time its node last renewed it. Entries older than the TTL belong to a node that died.
 */
interface ConnectionStore {
  add(nodeId: string, userId: string): Promise<void>;
  remove(nodeId: string, userId: string): Promise<void>;
  /** Renews this node's entries (and re-adds any lost, e.g. after a Redis restart). */
  renew(nodeId: string, userIds: string[]): Promise<void>;
  removeNode(nodeId: string): Promise<void>;
  /** The live entries of every node. */
  live(ttlMs: number): Promise<LiveEntry[]>;
  /** Takes away entries past the TTL; each is handed to exactly one caller. */
  reapExpired(ttlMs: number): Promise<string[]>;
  close(): Promise<void>;
}

interface LiveEntry {
  nodeId: string;
  userId: string;
}

/** Atomically: the expired members, removed, so only one node acts on a dead node's agents. */
const REDIS_REAP = `
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if #gone > 0 then redis.call('ZREM', KEYS[1], unpack(gone)) end
return gone`;

/** One sorted set per deployment: member `node|user`, score the last renewal in ms. */
class RedisConnectionStore implements ConnectionStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async add(nodeId: string, userId: string): Promise<void> {
    await this.redis.zadd(this.key, Date.now(), `${nodeId}|${userId}`);
  }

  async remove(nodeId: string, userId: string): Promise<void> {
    await this.redis.zrem(this.key, `${nodeId}|${userId}`);
  }

  async renew(nodeId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const now = Date.now();
    await this.redis.zadd(this.key, ...userIds.flatMap((u) => [now, `${nodeId}|${u}`]));
  }

  async removeNode(nodeId: string): Promise<void> {
    const mine = (await this.redis.zrange(this.key, 0, -1)).filter((m) => m.startsWith(`${nodeId}|`));
    if (mine.length) await this.redis.zrem(this.key, ...mine);
  }

  async live(ttlMs: number): Promise<LiveEntry[]> {
    const members = await this.redis.zrangebyscore(this.key, Date.now() - ttlMs, '+inf');
    return members.map((m) => ({ nodeId: m.slice(0, m.indexOf('|')), userId: m.slice(m.indexOf('|') + 1) }));
  }

  async reapExpired(ttlMs: number): Promise<string[]> {
    const gone = (await this.redis.eval(REDIS_REAP, 1, this.key, Date.now() - ttlMs)) as string[];
    return gone.map((m) => m.slice(m.indexOf('|') + 1));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** `agent_connections` rows when there is no Redis: one per node and agent. */
class PostgresConnectionStore implements ConnectionStore {
  constructor(private readonly db: Db) {}

  async add(nodeId: string, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO agent_connections (node_id, user_id) VALUES ($1, $2)
       ON CONFLICT (node_id, user_id) DO UPDATE SET seen_at = clock_timestamp()`,
      [nodeId, userId],
    );
  }

  async remove(nodeId: string, userId: string): Promise<void> {
    await this.db.query(`DELETE FROM agent_connections WHERE node_id = $1 AND user_id = $2`, [
      nodeId,
      userId,
    ]);
  }

  async renew(nodeId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.query(
      `INSERT INTO agent_connections (node_id, user_id)
       SELECT $1, u FROM unnest($2::uuid[]) AS u WHERE EXISTS (SELECT 1 FROM users WHERE id = u)
       ON CONFLICT (node_id, user_id) DO UPDATE SET seen_at = clock_timestamp()`,
      [nodeId, userIds],
    );
  }

  async removeNode(nodeId: string): Promise<void> {
    await this.db.query(`DELETE FROM agent_connections WHERE node_id = $1`, [nodeId]);
  }

  async live(ttlMs: number): Promise<LiveEntry[]> {
    return this.db.query<LiveEntry>(
      `SELECT node_id AS "nodeId", user_id AS "userId" FROM agent_connections
        WHERE seen_at > clock_timestamp() - make_interval(secs => $1)`,
      [ttlMs / 1000],
    );
  }

  async reapExpired(ttlMs: number): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      `DELETE FROM agent_connections WHERE seen_at <= clock_timestamp() - make_interval(secs => $1) RETURNING user_id`,
      [ttlMs / 1000],
    );
    return rows.map((r) => r.user_id);
  }

  async close(): Promise<void> {}
}

/**
 * Which agents are connected on any node, for the widget's "agents online" and for telling
 * when an agent whose node died is gone. Each node records its agents' sockets in Redis (when
 * configured) or PostgreSQL and renews them every third of the TTL; whichever node first finds
 * a dead node's expired entries marks those agents offline (unless they reconnected elsewhere)
 * and tells its own viewers who is still looking at their tickets.
 */
@Injectable()
export class AgentConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgentConnections');
  readonly nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly store: ConnectionStore;
  private readonly sockets = new Map<string, number>();
  private readonly peerLostListeners: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: Db,
    private readonly availability: AvailabilityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.redisUrl) {
      const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
      redis.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
      this.store = new RedisConnectionStore(redis, `agent-connections:${deploymentPrefix(config)}`);
    } else this.store = new PostgresConnectionStore(db);
  }

  onApplicationBootstrap(): void {
    const every = Math.max(250, Math.floor(this.config.presenceTtlMs / 3));
    this.timer = setInterval(() => void this.beat(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // A clean stop: this node's agents leave at once (their sockets reconnect to another node).
    await this.store.removeNode(this.nodeId).catch(() => undefined);
    await this.store.close();
  }

  /** Whether the entries live in Redis, shared with other nodes (else in this node's PostgreSQL rows). */
  get sharedThroughRedis(): boolean {
    return this.store instanceof RedisConnectionStore;
  }

  /** Called on the node that found a dead node's expired entries. */
  onPeerLost(listener: () => void): void {
    this.peerLostListeners.push(listener);
  }

  socketOpened(userId: string): void {
    const n = this.sockets.get(userId) ?? 0;
    this.sockets.set(userId, n + 1);
    if (n === 0) this.quietly(`record ${userId}`, this.store.add(this.nodeId, userId));
  }

  socketClosed(userId: string): void {
    const n = (this.sockets.get(userId) ?? 1) - 1;
    if (n > 0) return void this.sockets.set(userId, n);
    this.sockets.delete(userId);
    this.quietly(`forget ${userId}`, this.store.remove(this.nodeId, userId));
  }

  /** Whether any agent has a live socket on any node. */
  async anyConnected(): Promise<boolean> {
    if (this.sockets.size > 0) return true;
    return (await this.store.live(this.config.presenceTtlMs)).length > 0;
  }

  private async beat(): Promise<void> {
    try {
      await this.store.renew(this.nodeId, [...this.sockets.keys()]);
      const gone = await this.store.reapExpired(this.config.presenceTtlMs);
      const live = await this.store.live(this.config.presenceTtlMs);
      const liveUsers = new Set(live.map((e) => e.userId));
      for (const userId of new Set(gone))
        if (!liveUsers.has(userId) && !this.sockets.has(userId))
          await this.availability.set(userId, 'offline').catch((err: Error) => {
            // A user deleted meanwhile has nothing to go offline.
            this.logger.warn(`could not mark ${userId} offline: ${err.message}`);
          });
      // Only a node that died leaves entries to expire: a clean stop, or its last socket closing,
      // removes them. So presence is re-sent after a death, not whenever a node goes quiet.
      if (gone.length) for (const listener of this.peerLostListeners) listener();
    } catch (err) {
      this.logger.warn(`agent connection heartbeat failed: ${(err as Error).message}`);
    }
  }

  private quietly(what: string, work: Promise<unknown>): void {
    work.catch((err: Error) => this.logger.warn(`could not ${what}: ${err.message}`));
  }
}
