import { channelLabel } from '../../../lib/channel-names';
import '../channel-icon.css';

/** The channel's badge, named for screen readers and on hover from the one channel table. */
export function ChannelIcon({ channel }: { channel: string }) {
  const { name, badge } = channelLabel(channel);
  return (
    <span className={`channel channel-${channel}`} role="img" aria-label={name} title={name}>
      {badge}
    </span>
  );
}

export { channelName } from '../../../lib/channel-names';
