import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { forbidden, unauthenticated } from '@switchboard/domain';

/**
 * Admin-only routes of this module. The app's global AuthGuard has already checked the bearer
 * token and put the viewer on the request; this only checks its role.
 */
@Injectable()
export class AdminOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const viewer = context.switchToHttp().getRequest<{ viewer?: { role?: string } }>().viewer;
    if (!viewer) throw unauthenticated('a bearer token is required');
    if (viewer.role !== 'admin') throw forbidden('requires role admin');
    return true;
  }
}
