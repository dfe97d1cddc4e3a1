import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { deploymentPrefix } from './common/deployment-prefix.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { allowUploadBodies } from './common/upload-body-limit.js';
import type { AppConfig } from './config/app-config.js';
import { loadEmailSettings } from './email-support/email-settings.js';
import { AppLogger } from './observability/app-logger.js';
import { observeHttp, serveMetrics } from './observability/http-observability.js';
import { Metrics } from './observability/metrics.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';
import { DemoSeed } from './seed/demo-seed.js';
import { addSecurityHeaders } from './security-headers.js';
import { serveBuiltClients } from './static-site.js';

/** Builds the whole app for a config; used by main.ts and by the integration tests alike. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = new AppLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: config.maxBodyBytes,
      trustProxy: config.trustProxy.length ? config.trustProxy : false,
    }),
    { rawBody: true, logger, abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  observeHttp(fastify, app.get(Metrics), logger);
  serveMetrics(fastify, app.get(Metrics), config);
  addSecurityHeaders(fastify);
  allowUploadBodies(
    app.getHttpAdapter().getInstance(),
    loadEmailSettings(config).maxAttachmentBytes,
    config.maxBodyBytes,
  );
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpErrorFilter());
  // No enableShutdownHooks(): main.ts owns SIGTERM, closes the app once and exits 0 when done.
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, `socket.io:${deploymentPrefix(config)}`);
    await adapter.connect(config.redisUrl);
    app.useWebSocketAdapter(adapter);
  }
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(), { jsonDocumentUrl: 'api/docs-json' });
  serveBuiltClients(app);
  await app.init();
  await app.get(DemoSeed).seedIfEmpty();
  return app;
}

export const bootLogger = new Logger('Switchboard');
