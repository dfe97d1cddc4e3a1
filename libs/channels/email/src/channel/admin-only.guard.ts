import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';

/**
 * Admin-only routes of this module. The app's global AuthGuard has already checked the bearer
 * token and put the viewer on the request; this only checks its role.
 */
@Injectable()
export class AdminOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const viewer = context.switchToHttp().getRequest<{ viewer?: { role?: string } }>().viewer;
    if (!viewer) throw new UnauthorizedException('a bearer token is required');
    if (viewer.role !== 'admin') throw new ForbiddenException('requires role admin');
    return true;
  }
}
