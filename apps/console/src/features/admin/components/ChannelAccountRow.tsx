import type { ChannelAccountView } from '@switchboard/contracts';
import { confirmAction } from '../../../components/confirm-action';
import { channelKind, kindLabel } from '../lib/channel-kinds';
import { useRotateApiKey, useTestChannelAccount, useUpdateChannelAccount } from '../hooks/useChannelAccounts';
import { ChannelTestOutcome } from './ChannelTestOutcome';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';
import { CopyField } from './CopyField';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';

interface ChannelAccountRowProps {
  account: ChannelAccountView;
  teamName: string;
  onEdit(): void;
}

/** One account: what it is, where its provider must post, its connection test, and switching it on and off. */
export function ChannelAccountRow({ account, teamName, onEdit }: ChannelAccountRowProps) {
  const test = useTestChannelAccount(account.id);
  const { t } = useTranslation();
  const update = useUpdateChannelAccount(account.id);
  const rotate = useRotateApiKey(account.id);
  const kind = channelKind(account.kind);
  const testable = kind?.testable ?? true;

  async function toggle(active: boolean) {
    const confirmed = await confirmAction(
      active
        ? {
            title: t('adminScreens.channels.enableTitle', { name: account.name }),
            message: t('adminScreens.channels.enableMessage'),
            confirmLabel: t('adminScreens.people.enable'),
          }
        : {
            title: t('adminScreens.channels.disableTitle', { name: account.name }),
            message: t('adminScreens.channels.disableMessage'),
            confirmLabel: t('adminScreens.people.disable'),
            danger: true,
          },
    );
    if (confirmed) update.mutate({ active });
  }

  async function rotateKey() {
    const confirmed = await confirmAction({
      title: t('adminScreens.channels.rotateTitle', { name: account.name }),
      message: t('adminScreens.channels.rotateMessage'),
      confirmLabel: t('adminScreens.channels.rotateConfirm'),
      danger: true,
    });
    if (confirmed) rotate.mutate();
  }

  return (
    <tr className={account.active ? undefined : 'disabled'}>
      <th scope="row">
        {account.name}
        {!account.active && <span className="badge muted"> {t('adminScreens.people.disabled')}</span>}
      </th>
      <td>{kindLabel(account.kind)}</td>
      <td>{teamName}</td>
      <td className="webhook-url">
        {account.webhookUrl ? (
          <code>{account.webhookUrl}</code>
        ) : kind?.embedsWidget ? (
          <ChannelEmbedSnippet accountId={account.id} help={false} />
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {testable && (
          <Button
            onClick={() => test.mutate()}
            disabled={test.isPending}
            aria-label={t('adminScreens.channels.testNamed', { name: account.name })}
          >
            {test.isPending ? t('adminScreens.channels.testing') : t('adminScreens.channels.test')}
          </Button>
        )}
        {test.data && <ChannelTestOutcome result={test.data} />}
        {test.isError && (
          <p role="alert" className="form-error">
            {test.error.message}
          </p>
        )}
      </td>
      <td>
        <Checkbox
          label={account.active ? t('adminScreens.channels.enabled') : t('adminScreens.people.disabled')}
          checked={account.active}
          disabled={update.isPending}
          onChange={(e) => void toggle(e.target.checked)}
          aria-label={t('adminScreens.channels.enabledNamed', { name: account.name })}
        />
        {update.isError && (
          <p role="alert" className="form-error">
            {update.error.message}
          </p>
        )}
      </td>
      <td>
        <Button onClick={onEdit} aria-label={t('adminScreens.editNamed', { name: account.name })}>
          {t('adminScreens.edit')}
        </Button>
        {kind?.rotatesKey && (
          <Button
            onClick={() => void rotateKey()}
            disabled={rotate.isPending}
            aria-label={t('adminScreens.channels.rotateNamed', { name: account.name })}
          >
            {t('adminScreens.channels.rotate')}
          </Button>
        )}
        {rotate.data && (
          <div className="created-notice">
            <p className="warning">
              <strong>{t('adminScreens.channels.copyNewKeyNow')}</strong>{' '}
              {t('adminScreens.channels.oldKeyGone')}
            </p>
            <CopyField label={t('adminScreens.channels.newApiKey')} value={rotate.data.apiKey} />
            <Button onClick={() => rotate.reset()}>{t('adminScreens.done')}</Button>
          </div>
        )}
        {rotate.isError && (
          <p role="alert" className="form-error">
            {rotate.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
