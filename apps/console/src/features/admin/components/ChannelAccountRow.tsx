import type { ChannelAccountView } from '@switchboard/contracts';
import { confirmAction } from '../../../components/confirm-action';
import { channelKind, kindLabel } from '../lib/channel-kinds';
import { useRotateApiKey, useTestChannelAccount, useUpdateChannelAccount } from '../hooks/useChannelAccounts';
import { ChannelTestOutcome } from './ChannelTestOutcome';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';
import { CopyField } from './CopyField';

interface ChannelAccountRowProps {
  account: ChannelAccountView;
  teamName: string;
  onEdit(): void;
}

/** One account: what it is, where its provider must post, its connection test, and switching it on and off. */
export function ChannelAccountRow({ account, teamName, onEdit }: ChannelAccountRowProps) {
  const test = useTestChannelAccount(account.id);
  const update = useUpdateChannelAccount(account.id);
  const rotate = useRotateApiKey(account.id);
  const kind = channelKind(account.kind);
  const testable = kind?.testable ?? true;

  async function toggle(active: boolean) {
    const confirmed = await confirmAction(
      active
        ? { title: `Enable ${account.name}?`, message: 'It receives messages again.', confirmLabel: 'Enable' }
        : {
            title: `Disable ${account.name}?`,
            message: 'It stops receiving messages until it is enabled again.',
            confirmLabel: 'Disable',
            danger: true,
          },
    );
    if (confirmed) update.mutate({ active });
  }

  async function rotateKey() {
    const confirmed = await confirmAction({
      title: `Issue a new API key for ${account.name}?`,
      message: 'The current key stops working at once.',
      confirmLabel: 'Issue a new key',
      danger: true,
    });
    if (confirmed) rotate.mutate();
  }

  return (
    <tr className={account.active ? undefined : 'disabled'}>
      <th scope="row">
        {account.name}
        {!account.active && <span className="badge muted"> Disabled</span>}
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
          <button
            type="button"
            onClick={() => test.mutate()}
            disabled={test.isPending}
            aria-label={`Test ${account.name}`}
          >
            {test.isPending ? 'Testing…' : 'Test'}
          </button>
        )}
        {test.data && <ChannelTestOutcome result={test.data} />}
        {test.isError && (
          <p role="alert" className="form-error">
            {test.error.message}
          </p>
        )}
      </td>
      <td>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={account.active}
            disabled={update.isPending}
            onChange={(e) => void toggle(e.target.checked)}
            aria-label={`Enabled: ${account.name}`}
          />
          {account.active ? 'Enabled' : 'Disabled'}
        </label>
        {update.isError && (
          <p role="alert" className="form-error">
            {update.error.message}
          </p>
        )}
      </td>
      <td>
        <button type="button" onClick={onEdit} aria-label={`Edit ${account.name}`}>
          Edit
        </button>
        {kind?.rotatesKey && (
          <button
            type="button"
            onClick={() => void rotateKey()}
            disabled={rotate.isPending}
            aria-label={`Rotate key of ${account.name}`}
          >
            Rotate key
          </button>
        )}
        {rotate.data && (
          <div className="created-notice">
            <p className="warning">
              <strong>Copy the new API key now: you will not see it again.</strong> The old key no longer
              works.
            </p>
            <CopyField label="New API key" value={rotate.data.apiKey} />
            <button type="button" onClick={() => rotate.reset()}>
              Done
            </button>
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
