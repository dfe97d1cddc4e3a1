import type { UserView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import type { PendingLogin } from '../../security/api/security-api';

export interface LoginResult {
  token: string;
  user: UserView;
}

/** A session, or the second step a login still needs (a code, or enrolling a second factor). */
export function login(email: string, password: string): Promise<LoginResult | PendingLogin> {
  return api.post<LoginResult | PendingLogin>(endpoints.login, { email, password }, { anonymous: true });
}

/** `GET /api/auth/me` may answer the user itself or `{ user }`. */
export async function fetchMe(): Promise<UserView> {
  const body = await api.get<UserView | { user: UserView }>(endpoints.me);
  return 'user' in body ? body.user : body;
}

export async function logout(): Promise<void> {
  await api.post(endpoints.logout).catch(() => undefined);
}
