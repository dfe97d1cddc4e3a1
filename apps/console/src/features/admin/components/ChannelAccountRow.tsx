import type { ChannelAccountView } from '@switchboard/contracts';
import { channelKind, kindLabel } from '../lib/channel-kinds';
import { useTestChannelAccount } from '../hooks/useChannelAccounts';
import { ChannelTestOutcome } from './ChannelTestOutcome';

/** One account: what it is, where its provider must post, and its connection test. */
export function ChannelAccountRow({ account, teamName }: { account: ChannelAccountView; teamName: string }) {
  const test = useTestChannelAccount(account.id);
  const testable = channelKind(account.kind)?.testable ?? true;
  return (
    <tr>
      <th scope="row">{account.name}</th>
      <td>{kindLabel(account.kind)}</td>
      <td>{teamName}</td>
      <td className="webhook-url">{account.webhookUrl ? <code>{account.webhookUrl}</code> : <span className="muted">—</span>}</td>
      <td>
        {testable && (
          <button type="button" onClick={() => test.mutate()} disabled={test.isPending} aria-label={`Test ${account.name}`}>
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
    </tr>
  );
}
