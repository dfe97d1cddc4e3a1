import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { httpStatusOf, isDomainError } from '@switchboard/domain';
import type { FastifyRequest } from 'fastify';
import { type Observable, catchError, from, mergeMap } from 'rxjs';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { AUDITED_ACTIONS, type AuditContext, type AuditedAction } from './audited-actions.js';
import { AuditLog } from './audit-log.service.js';

/** What a handler may add to its request's audit entry: who acted when no session says so (a login). */
export interface AuditNote {
  actorId?: string;
  actorEmail?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export type AuditedRequest = FastifyRequest & {
  viewer?: AuthenticatedViewer & { apiTokenId?: string };
  audit?: AuditNote;
};

/** Adds to this request's audit entry, for handlers that know more than the route (the user behind a login). */
export function noteForAudit(request: unknown, note: AuditNote): void {
  const req = request as AuditedRequest;
  req.audit = { ...req.audit, ...note, details: { ...req.audit?.details, ...note.details } };
}

function statusOf(err: unknown): number {
  if (isDomainError(err)) return httpStatusOf(err.code);
  // Nest's own refusals (a malformed body) carry their status; core code throws domain errors only.
  const nest = err as { getStatus?: () => number } | null;
  if (typeof nest?.getStatus === 'function') return nest.getStatus();
  return 500;
}

/**
 * Writes one audit entry for each request listed in AUDITED_ACTIONS, after the handler
 * succeeded (or failed, for logins) and before the answer leaves, so a client that saw its
 * change done can find it in the log. Runs after the guard, so the actor is known.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly log: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    const spec = AUDITED_ACTIONS[`${req.method} ${req.routeOptions?.url ?? ''}`];
    if (!spec) return next.handle();
    return next.handle().pipe(
      mergeMap((response) => from(this.write(req, spec, response).then(() => response))),
      catchError((err: unknown) => {
        const status = statusOf(err);
        const write = spec.alsoOnFailure?.includes(status)
          ? this.write(req, spec, null, status)
          : Promise.resolve();
        return from(
          write.then(() => {
            throw err;
          }),
        );
      }),
    );
  }

  private async write(req: AuditedRequest, spec: AuditedAction, response: unknown, failedWith?: number) {
    const ctx: AuditContext = {
      body: isObject(req.body) ? req.body : {},
      query: isObject(req.query) ? req.query : {},
      params: (req.params ?? {}) as Record<string, string>,
      response,
      failedWith,
    };
    const action = typeof spec.action === 'function' ? spec.action(ctx) : spec.action;
    if (!action) return;
    const viewer = req.viewer;
    const note: AuditNote = req.audit ?? {};
    const responseUser = isObject(response) && isObject(response.user) ? response.user : null;
    const actorId = viewer?.userId ?? note.actorId ?? (responseUser?.id as string | undefined) ?? null;
    const actorEmail =
      viewer?.email ??
      note.actorEmail ??
      (responseUser?.email as string | undefined) ??
      (typeof ctx.body.email === 'string' && action.startsWith('auth.')
        ? ctx.body.email.toLowerCase()
        : null);
    const targetId = this.targetOf(req, spec, note, response, actorId);
    await this.log.record({
      action,
      actorId,
      actorEmail,
      actorKind: viewer?.apiTokenId ? 'api_token' : actorId ? 'user' : 'anonymous',
      targetType: spec.targetType ?? null,
      targetId,
      ip: req.ip,
      details: {
        ...describeBody(ctx.body, spec.keep ?? []),
        ...(failedWith ? { status: failedWith } : {}),
        ...(viewer?.apiTokenId ? { apiTokenId: viewer.apiTokenId } : {}),
        ...(ctx.query.format ? { format: ctx.query.format } : {}),
        ...note.details,
      },
    });
  }

  private targetOf(
    req: AuditedRequest,
    spec: AuditedAction,
    note: AuditNote,
    response: unknown,
    actorId: string | null,
  ): string | null {
    if (note.targetId) return note.targetId;
    const params = (req.params ?? {}) as Record<string, string>;
    if (spec.targetParam && params[spec.targetParam]) return params[spec.targetParam];
    if (spec.targetType === 'report') return req.routeOptions?.url ?? null;
    if (isObject(response) && typeof response.id === 'string') return response.id;
    if (spec.targetType === 'user') return actorId;
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of the kept fields, and only the names of the others: bodies carry passwords and channel secrets. */
function describeBody(body: Record<string, unknown>, keep: readonly string[]): Record<string, unknown> {
  const fields = Object.keys(body);
  if (fields.length === 0) return {};
  const kept = Object.fromEntries(fields.filter((f) => keep.includes(f)).map((f) => [f, body[f]]));
  return { fields, ...kept };
}
