import type { ChannelAccountView } from '@switchboard/contracts';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { ChannelAccountRow } from './ChannelAccountRow';

/** Every channel account; credentials never reach the console (the API keeps them sealed). */
export function ChannelAccountList({ onEdit }: { onEdit(account: ChannelAccountView): void }) {
  const accounts = useChannelAccounts();
  const teams = useTeams().data ?? [];
  const teamName = (id: string | null) => (id ? (teams.find((t) => t.id === id)?.name ?? 'Team') : 'No team');

  if (accounts.isError)
    return (
      <p className="form-error" role="alert">
        {accounts.error.message}
      </p>
    );
  if (accounts.data?.length === 0) return <p className="muted">No channels yet. Add the first one below.</p>;
  return (
    <table className="channel-table" aria-label="Channel accounts" aria-busy={accounts.isPending}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Team</th>
          <th scope="col">Webhook URL or snippet</th>
          <th scope="col">Connection</th>
          <th scope="col">Enabled</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {(accounts.data ?? []).map((account) => (
          <ChannelAccountRow
            key={account.id}
            account={account}
            teamName={teamName(account.teamId)}
            onEdit={() => onEdit(account)}
          />
        ))}
      </tbody>
    </table>
  );
}
