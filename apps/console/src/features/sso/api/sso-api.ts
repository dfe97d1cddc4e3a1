import type { UserView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

export type Role = UserView['role'];

/** What the login screen may know: whether to offer the button, and its words. */
export interface SsoInfo {
  enabled: boolean;
  buttonLabel: string | null;
  passwordLoginOff: boolean;
}

export interface SsoSettings {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  scopes: string[];
  allowedDomains: string[];
  roleClaim: string | null;
  roleMapping: { value: string; role: Role }[];
  defaultRole: Role;
  teamClaim: string | null;
  teamMapping: { value: string; teamId: string }[];
  createUsers: boolean;
  ssoOnly: boolean;
  breakGlassUserId: string | null;
  buttonLabel: string | null;
}

/** The admin's view: the secret itself never comes back, only that one is stored. */
export type SsoSettingsView = SsoSettings & { clientSecretSet: boolean; updatedAt: string | null };
export type SsoSettingsInput = SsoSettings & { clientSecret?: string };

export const SSO_START_URL = '/api/auth/oidc/start';
export const SSO_CALLBACK_PATH = '/api/auth/oidc/callback';

export const ssoKeys = {
  info: () => ['sso', 'info'] as const,
  settings: () => ['sso', 'settings'] as const,
};

export const fetchSsoInfo = () => api.get<SsoInfo>('/api/auth/oidc', { anonymous: true });

export function exchangeHandoff(handoff: string): Promise<{ token: string; user: UserView }> {
  return api.post('/api/auth/oidc/exchange', { handoff }, { anonymous: true });
}

export async function fetchSsoSettings(): Promise<SsoSettingsView | null> {
  const body = await api.get<SsoSettingsView | { configured: false }>('/api/admin/sso');
  return 'configured' in body ? null : body;
}

export const saveSsoSettings = (input: SsoSettingsInput) => api.put<SsoSettingsView>('/api/admin/sso', input);
