import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { currentRequestId } from './request-context.js';

/** Field names whose values never reach the log, wherever they appear in a logged object. */
const REDACT_PATHS = [
  'password',
  'token',
  'apiKey',
  'secret',
  'authorization',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
];

/** The configured secrets, so that a message that quotes one (an error naming a URL) is masked too. */
export function configuredSecrets(config: Partial<AppConfig>): string[] {
  const secrets = [config.adminPassword, config.secretsKey, config.metricsToken];
  for (const url of [config.databaseUrl, config.redisUrl]) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      if (parsed.password) secrets.push(decodeURIComponent(parsed.password));
    } catch {
      // Not a URL: nothing to pick out.
    }
  }
  // Very short values would mask ordinary words.
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/** Masks passwords inside URLs (`scheme://user:password@host`) and every configured secret. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s/]+@/gi, '$1[redacted]@');
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * JSON lines on stdout, one per event, each with the request id of the work it belongs to.
 * Nest's own logger calls land here too, so framework messages are JSON as well.
 */
export class AppLogger implements LoggerService {
  readonly pino: Pino;
  private readonly secrets: string[];

  constructor(config: Partial<AppConfig>, destination?: NodeJS.WritableStream) {
    this.secrets = configuredSecrets(config);
    this.pino = pino(
      {
        level: config.logLevel === 'silent' ? 'error' : 'info',
        base: { pid: process.pid, role: config.role ?? 'all' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        mixin: () => {
          const reqId = currentRequestId();
          return reqId ? { reqId } : {};
        },
      },
      destination ?? pino.destination({ sync: true }),
    );
  }

  /** A structured event: `fields` are logged as JSON properties (redacted by name), `msg` is scrubbed. */
  info(msg: string, fields: Record<string, unknown> = {}): void {
    this.pino.info(fields, scrub(msg, this.secrets));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context (a class name) last; error() passes a stack before it.
    const context =
      rest.length && typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const text =
      message instanceof Error
        ? (message.stack ?? message.message)
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = scrub(stack, this.secrets);
    this.pino[level](fields, scrub(text ?? '', this.secrets));
  }
}
