import {
  API_TOKEN_SCOPES,
  type ApiTokenScope,
  type ApiTokenView,
  type UserView,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

export interface SignedIn {
  token: string;
  user: UserView;
}

/** What the password step of a login answers when a second factor is due. */
export type PendingLogin =
  { twoFactorRequired: true; challenge: string } | { twoFactorSetupRequired: true; challenge: string };

export const isPendingLogin = (body: SignedIn | PendingLogin): body is PendingLogin => 'challenge' in body;

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export { API_TOKEN_SCOPES };
export type { ApiTokenScope, ApiTokenView };

const anonymous = { anonymous: true };

export const securityKeys = {
  twoFactor: () => ['security', 'two-factor'] as const,
  tokens: () => ['security', 'api-tokens'] as const,
  policy: () => ['security', 'policy'] as const,
};

export const verifyCode = (challenge: string, code: string) =>
  api.post<SignedIn>('/api/auth/2fa/verify', { challenge, code }, anonymous);
export const enrolSetup = (challenge: string) =>
  api.post<TotpSetup>('/api/auth/2fa/enrol/setup', { challenge }, anonymous);
export const enrolAndSignIn = (challenge: string, code: string) =>
  api.post<SignedIn & { recoveryCodes: string[] }>('/api/auth/2fa/enrol', { challenge, code }, anonymous);

export const fetchTwoFactor = () => api.get<TwoFactorStatus>('/api/auth/2fa');
export const startSetup = () => api.post<TotpSetup>('/api/auth/2fa/setup');
export const enableTwoFactor = (code: string) =>
  api.post<{ recoveryCodes: string[] }>('/api/auth/2fa/enable', { code });
export const disableTwoFactor = (code: string) => api.post<void>('/api/auth/2fa/disable', { code });
export const newRecoveryCodes = (code: string) =>
  api.post<{ recoveryCodes: string[] }>('/api/auth/2fa/recovery-codes', { code });

export const fetchPolicy = () =>
  api.get<{ requiredRoles: UserView['role'][] }>('/api/admin/security/two-factor-policy');
export const savePolicy = (requiredRoles: UserView['role'][]) =>
  api.put<{ requiredRoles: UserView['role'][] }>('/api/admin/security/two-factor-policy', { requiredRoles });

export const fetchApiTokens = async () =>
  (await api.get<{ items: ApiTokenView[] }>('/api/me/api-tokens')).items;
export const createApiToken = (body: { name: string; scopes: ApiTokenScope[]; expiresAt?: string | null }) =>
  api.post<ApiTokenView & { token: string }>('/api/me/api-tokens', body);
export const revokeApiToken = (id: string) =>
  api.delete<void>(`/api/me/api-tokens/${encodeURIComponent(id)}`);
