const LABELS: Record<string, [string, string]> = {
  email: ['@', 'Email'],
  sms: ['SMS', 'SMS'],
  whatsapp: ['WA', 'WhatsApp'],
  chat: ['Chat', 'Web chat'],
  widget: ['Chat', 'Web chat'],
  messenger: ['FB', 'Messenger'],
  instagram: ['IG', 'Instagram'],
  telegram: ['TG', 'Telegram'],
  api: ['API', 'API'],
  phone: ['Tel', 'Phone'],
};

export function channelName(channel: string): string {
  return LABELS[channel]?.[1] ?? channel;
}

export function ChannelIcon({ channel }: { channel: string }) {
  const [glyph, name] = LABELS[channel] ?? [
    channel.slice(0, 3).toUpperCase() || '?',
    channel || 'Unknown channel',
  ];
  return (
    <span className={`channel channel-${channel}`} role="img" aria-label={name} title={name}>
      {glyph}
    </span>
  );
}
