import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { httpStatusOf, isDomainError } from '@switchboard/domain';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './db.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Every error answers `{ statusCode, error, message }`; unexpected ones are logged, never leaked. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isDatabaseUnavailable(exception)) {
      // Transient and not the client's fault: a 503 tells it to try again, as it should.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      void reply
        .status(503)
        .send({ statusCode: 503, error: REASONS[503], message: 'database unavailable, try again' });
      return;
    }
    const { statusCode, message } = this.describe(exception);
    // A 502 is an outside provider failing (its reason is the message), not a bug of ours.
    if (statusCode === 502) this.logger.warn(message);
    else if (statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(statusCode).send({ statusCode, error: REASONS[statusCode] ?? 'Error', message });
  }

  private describe(exception: unknown): { statusCode: number; message: string } {
    if (isDomainError(exception))
      return { statusCode: httpStatusOf(exception.code), message: exception.message };
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      return { statusCode: exception.getStatus(), message };
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx code.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const message =
        fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'request body is larger than the limit'
          : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'content-type must be application/json'
            : `malformed request: ${fastifyError.message ?? 'invalid body'}`;
      return { statusCode: fastifyError.statusCode, message };
    }
    return { statusCode: 500, message: 'internal error' };
  }
}
