import { BlockList, isIP } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { AppLogger } from './app-logger.js';
import type { Metrics } from './metrics.js';
import { requestContext, requestIdFrom } from './request-context.js';

const STARTED = Symbol('startedAt');
type Timed = FastifyRequest & { [STARTED]?: bigint };

/**
 * Every request gets an id (the caller's X-Request-Id when it is a plain token, else a new one),
 * echoed in the response and carried by every log line written while the request is served.
 * Each response is counted in the latency histogram under its route pattern (never the raw
 * URL: ids and tokens in paths would flood the series and the log) and logged as one line.
 */
export function observeHttp(fastify: FastifyInstance, metrics: Metrics, logger: AppLogger): void {
  fastify.addHook('onRequest', (request: Timed, reply: FastifyReply, done: () => void) => {
    request[STARTED] = process.hrtime.bigint();
    const requestId = requestIdFrom(request.headers['x-request-id']);
    void reply.header('x-request-id', requestId);
    requestContext.run({ requestId }, done);
  });
  fastify.addHook('onResponse', (request: Timed, reply: FastifyReply, done: () => void) => {
    const seconds = Number(process.hrtime.bigint() - (request[STARTED] ?? process.hrtime.bigint())) / 1e9;
    const route = request.routeOptions?.url ?? 'unmatched';
    if (route !== '/metrics') {
      metrics.httpDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        seconds,
      );
    }
    logger.info('request completed', {
      method: request.method,
      route,
      status: reply.statusCode,
      ms: Math.round(seconds * 1000),
    });
    done();
  });
}

function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix !== undefined) list.addSubnet(address, Number(prefix), family);
    else list.addAddress(address, family);
  }
  return list;
}

function tokenMatches(header: unknown, token: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * `GET /metrics` in Prometheus text format, for a scraper that presents METRICS_TOKEN as a
 * bearer token or connects from an address in METRICS_ALLOW. With neither configured the
 * route answers 404, as if it did not exist: metrics name mailboxes and traffic, so they are
 * never public by accident.
 */
export function serveMetrics(fastify: FastifyInstance, metrics: Metrics, config: AppConfig): void {
  const allowed = allowList(config.metricsAllow);
  fastify.get('/metrics', async (request, reply) => {
    if (!config.metricsToken && config.metricsAllow.length === 0) {
      return reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: 'metrics are not enabled' });
    }
    const ip = request.ip.startsWith('::ffff:') ? request.ip.slice(7) : request.ip;
    const fromAllowed = !!isIP(ip) && allowed.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
    const withToken =
      !!config.metricsToken && tokenMatches(request.headers.authorization, config.metricsToken);
    if (!fromAllowed && !withToken) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ statusCode: 401, error: 'Unauthorized', message: 'metrics need the metrics token' });
    }
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });
}
