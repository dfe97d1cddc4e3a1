import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * The socket.io adapter publishes without handling the promise: while Redis is down each publish
 * rejects after its retries, and an unhandled rejection ends the node. A lost cross-node event
 * costs a resync (clients notice the seq gap or the reconnect); a dead node costs every request
 * it holds, so the rejection is logged and the node keeps serving.
 */
function failSoftPublish(pub: Redis, logger: Logger): void {
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  pub.publish = ((channel: string, message: string | Buffer) =>
    publish(channel, message).catch((err: Error) => {
      logger.warn(`redis publish failed, event not shared with other nodes: ${err.message}`);
      return 0;
    })) as Redis['publish'];
}

/**
 * With REDIS_URL, socket.io rooms span every API node: an event emitted on one reaches all.
 * Its channels are named for the deployment (`channelPrefix`): rooms such as the supervisors'
 * have the same name everywhere, and deployments sharing a Redis must not hear each other.
 */
export class RedisIoAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: ConstructorParameters<typeof IoAdapter>[0],
    private readonly channelPrefix: string,
  ) {
    super(app);
  }

  async connect(url: string): Promise<void> {
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    // A Redis outage must show up in the log, not crash the process with an unhandled error.
    const logger = new Logger('RedisIoAdapter');
    for (const client of [pub, sub]) client.on('error', (err: Error) => logger.warn(`redis: ${err.message}`));
    failSoftPublish(pub, logger);
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(createAdapter(this.clients[0], this.clients[1], { key: this.channelPrefix }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // The adapter unsubscribes without awaiting on close; let those commands finish first.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
