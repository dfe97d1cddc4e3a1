import type { ChannelAccountView } from '@switchboard/contracts';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { ChannelAccountRow } from './ChannelAccountRow';
import { useTranslation } from '../../../i18n';

/** Every channel account; credentials never reach the console (the API keeps them sealed). */
export function ChannelAccountList({ onEdit }: { onEdit(account: ChannelAccountView): void }) {
  const accounts = useChannelAccounts();
  const { t } = useTranslation();
  const teams = useTeams().data ?? [];
  const teamName = (id: string | null) =>
    id
      ? (teams.find((team) => team.id === id)?.name ?? t('adminScreens.channels.team'))
      : t('adminScreens.channels.noTeam');

  if (accounts.isError)
    return (
      <p className="form-error" role="alert">
        {accounts.error.message}
      </p>
    );
  if (accounts.data?.length === 0) return <p className="muted">{t('adminScreens.channels.none')}</p>;
  return (
    <table
      className="channel-table"
      aria-label={t('adminScreens.channels.accounts')}
      aria-busy={accounts.isPending}
    >
      <thead>
        <tr>
          <th scope="col">{t('adminScreens.channels.name')}</th>
          <th scope="col">{t('adminScreens.channels.kind')}</th>
          <th scope="col">{t('adminScreens.channels.team')}</th>
          <th scope="col">{t('adminScreens.channels.webhookOrSnippet')}</th>
          <th scope="col">{t('adminScreens.channels.connection')}</th>
          <th scope="col">{t('adminScreens.channels.enabled')}</th>
          <th scope="col">{t('adminScreens.people.actions')}</th>
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
