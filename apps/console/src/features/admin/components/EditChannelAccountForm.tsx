import type { ChannelAccountView } from '@switchboard/contracts';
import { useUpdateChannelAccount } from '../hooks/useChannelAccounts';
import { ChannelAccountForm } from './ChannelAccountForm';

/** The add form, prefilled with a stored account's settings (never its credentials). */
export function EditChannelAccountForm({ account, onDone }: { account: ChannelAccountView; onDone(): void }) {
  const update = useUpdateChannelAccount(account.id);
  return (
    <ChannelAccountForm
      account={account}
      pending={update.isPending}
      onUpdate={async (body) => {
        await update.mutateAsync(body);
        onDone();
      }}
      onCancel={onDone}
    />
  );
}
