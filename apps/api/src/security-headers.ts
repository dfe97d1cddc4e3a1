import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A year: browsers then refuse plain HTTP for the host even when a link or a person types it. */
const HSTS = 'max-age=31536000';

/** What a host header may hold; anything else stays out of the policy text. */
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/**
 * The console's policy. Scripts come only from its own built files, so injected markup cannot
 * run code. Styles: the built sheet only, plus `style` attributes, which the console keeps in
 * message HTML after sanitizing it down to text formatting (React's own style props go through
 * CSSOM, which CSP does not govern). Images may be data:/blob: (pasted screenshots, downloads);
 * remote images in mail stay blocked, so they cannot report that an agent opened it. Sockets go
 * to the same host; nothing may frame the console (clickjacking).
 */
function consolePolicy(req: FastifyRequest): string {
  const host = req.host;
  const socketOrigin = PLAIN_HOST.test(host) ? ` ${req.protocol === 'https' ? 'wss' : 'ws'}://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self'${socketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function isConsolePath(path: string): boolean {
  return !(
    path === '/api' ||
    path.startsWith('/api/') ||
    path.startsWith('/socket.io/') ||
    path === '/widget.js'
  );
}

/**
 * Headers for every answer: nosniff (API JSON and uploaded files are never run as script or
 * page), no referrer, HSTS when the request came over HTTPS (directly, or per a trusted proxy's
 * X-Forwarded-Proto). The console adds its CSP and framing ban; the widget script is meant to be
 * loaded by customers' sites, so it says so instead.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (req.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    const path = req.url.split('?')[0];
    if (path === '/widget.js') void reply.header('cross-origin-resource-policy', 'cross-origin');
    else if (isConsolePath(path))
      void reply.header('content-security-policy', consolePolicy(req)).header('x-frame-options', 'DENY');
    return payload;
  });
}
