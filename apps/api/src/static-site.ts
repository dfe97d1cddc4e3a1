import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/**
 * Serves the built console at `/` (and the widget's script when built). Skipped when the
 * console has not been built.
 */
export function serveBuiltClients(app: NestFastifyApplication): void {
  const consoleDist = process.env.CONSOLE_DIST ?? join(repoRoot, 'apps/console/dist');
  const widgetDist = process.env.WIDGET_DIST ?? join(repoRoot, 'apps/widget/dist');
  const fastify = app.getHttpAdapter().getInstance();
  if (existsSync(join(widgetDist, 'widget.js'))) {
    fastify.get('/widget.js', (_req, reply) => {
      void reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(readFileSync(join(widgetDist, 'widget.js')));
    });
  }
  if (!existsSync(join(consoleDist, 'index.html'))) return;
  // The console routes with URL hashes, so `/` and its assets are all it needs from the server.
  app.useStaticAssets({ root: consoleDist, prefix: '/', wildcard: false, index: ['index.html'] });
}
