/** The few reply methods used here, so the lib does not depend on Fastify's types. */
export interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** Raster images a browser can show without running anything; everything else is a download. */
const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Headers for customer-supplied bytes: never rendered in the console's origin (no HTML, no
 * SVG), no MIME sniffing, and a sandbox CSP in case a browser opens one anyway. The name a
 * sender chose is only ever a header value, RFC 6266-encoded.
 */
export function sendDownload(
  reply: ReplyLike,
  bytes: Buffer,
  file: { filename: string; contentType: string; allowInline?: boolean },
): Buffer {
  const type = file.contentType.toLowerCase().split(';')[0].trim();
  const inline = file.allowInline === true && INLINE_SAFE.has(type);
  reply.header(
    'content-type',
    inline
      ? type
      : /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) && !isActive(type)
        ? type
        : 'application/octet-stream',
  );
  reply.header(
    'content-disposition',
    `${inline ? 'inline' : 'attachment'}; ${dispositionName(file.filename)}`,
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "sandbox; default-src 'none'");
  reply.header('cache-control', 'private, no-store');
  reply.header('content-length', String(bytes.byteLength));
  return bytes;
}

/** Types a browser would render or run if it ever ignored the disposition. */
function isActive(type: string): boolean {
  return /html|svg|xml|javascript|ecmascript/.test(type);
}

function dispositionName(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
