import type { Viewer } from '@switchboard/domain';

/** Agents write from the accounts of their teams and from those of no team; supervisors and admins from any. */
export function mayWriteFrom(viewer: Viewer, accountTeamId: string | null): boolean {
  return viewer.role !== 'agent' || accountTeamId === null || viewer.teamIds.includes(accountTeamId);
}
