import type { FastifyInstance } from 'fastify';

/** Route config marking an upload route: its JSON body may carry one base64 file. */
export const ATTACHMENT_UPLOAD_ROUTE = { attachmentUpload: true };

/**
 * Raises the body limit (MAX_BODY_BYTES, small on purpose) for upload routes only, to what a
 * file of `maxFileBytes` takes as base64 in JSON. Must run before the routes are registered.
 */
export function allowUploadBodies(
  fastify: FastifyInstance,
  maxFileBytes: number,
  defaultLimit: number,
): void {
  const bodyLimit = Math.max(defaultLimit, Math.ceil(maxFileBytes / 3) * 4 + 64 * 1024);
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { attachmentUpload?: boolean } | undefined)?.attachmentUpload)
      route.bodyLimit = bodyLimit;
  });
}
