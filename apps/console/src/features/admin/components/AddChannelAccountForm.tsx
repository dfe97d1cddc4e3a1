import { useCreateChannelAccount } from '../hooks/useChannelAccounts';
import { channelKind } from '../lib/channel-kinds';
import { ChannelAccountForm } from './ChannelAccountForm';
import type { CreatedChannel } from './ChannelCreatedNotice';

/** The form for a new account; what the admin must do next is handed to the created notice. */
export function AddChannelAccountForm({ onCreated }: { onCreated(created: CreatedChannel): void }) {
  const create = useCreateChannelAccount();
  return (
    <ChannelAccountForm
      pending={create.isPending}
      onCreate={async (body) => {
        const result = await create.mutateAsync(body);
        onCreated({ name: body.name, kind: channelKind(body.kind)!, result });
      }}
    />
  );
}
