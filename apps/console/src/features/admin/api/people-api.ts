import type {
  AdminTeamView,
  AdminUserView,
  CreateUserBody,
  DisableUserView,
  PasswordResetView,
  PatchUserBody,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export async function fetchAdminUsers(): Promise<AdminUserView[]> {
  return (await api.get<{ items: AdminUserView[] }>(endpoints.adminUsers)).items;
}

export function createUser(body: CreateUserBody): Promise<{ id: string }> {
  return api.post<{ id: string }>(endpoints.adminUsers, body);
}

export function updateUser(id: string, body: PatchUserBody): Promise<AdminUserView> {
  return api.patch<AdminUserView>(endpoints.adminUser(id), body);
}

/** Disables a person; their open tickets go to `reassignToAgentId`, or back to the team queue when null. */
export function disableUser(id: string, reassignToAgentId: string | null): Promise<DisableUserView> {
  return api.post<DisableUserView>(`${endpoints.adminUser(id)}/disable`, { reassignToAgentId });
}

export function resetPassword(id: string): Promise<PasswordResetView> {
  return api.post<PasswordResetView>(endpoints.adminUserResetPassword(id), {});
}

export async function fetchAdminTeams(): Promise<AdminTeamView[]> {
  return (await api.get<{ items: AdminTeamView[] }>(endpoints.adminTeams)).items;
}

export function createTeam(name: string): Promise<{ id: string; name: string }> {
  return api.post<{ id: string; name: string }>(endpoints.adminTeams, { name });
}

export function renameTeam(id: string, name: string): Promise<AdminTeamView> {
  return api.patch<AdminTeamView>(endpoints.adminTeam(id), { name });
}
