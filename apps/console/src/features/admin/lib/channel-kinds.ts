/**
 * What the add form asks for, per channel kind. The contracts live with each adapter
 * (libs/channels/*: email-config.ts, twilio-adapter.ts, meta-adapter.ts, telegram-adapter.ts,
 * web-chat-settings.ts); the API checks every value and its 400 names the field, so this list
 * only needs to offer the fields, not re-validate them.
 */
export type ConfigFieldType = 'text' | 'email' | 'password' | 'number' | 'url' | 'checkbox' | 'lines';

export interface ConfigField {
  /** Where the value goes in `config`; dots make nested objects ("imap.host"). */
  path: string;
  label: string;
  type: ConfigFieldType;
  required?: boolean;
  initial?: string | boolean;
  help?: string;
}

export interface ChannelKind {
  kind: string;
  label: string;
  fields: ConfigField[];
  /** The API can log in to the provider with the stored credentials (the adapter's connection test). */
  testable: boolean;
  /** Whose console the webhook URL is pasted into. */
  provider?: string;
  /** The channel is the chat widget: after creation the admin needs the `<script>` tag. */
  embedsWidget?: boolean;
}

const twilioFields = (fromLabel: string): ConfigField[] => [
  { path: 'accountSid', label: 'Account SID', type: 'text', required: true, help: 'From the Twilio console: AC followed by 32 characters.' },
  { path: 'authToken', label: 'Auth token', type: 'password', required: true },
  { path: 'from', label: fromLabel, type: 'text', help: 'In international format, e.g. +15005550006. Or give a Messaging Service SID instead.' },
  { path: 'messagingServiceSid', label: 'Messaging Service SID', type: 'text' },
  { path: 'publicUrl', label: 'Public URL', type: 'url', help: 'The address Twilio reaches this server at (e.g. https://help.example.com); webhook signatures are checked against it.' },
];

const metaFields: ConfigField[] = [
  { path: 'pageId', label: 'Page ID', type: 'text', required: true },
  { path: 'pageAccessToken', label: 'Page access token', type: 'password', required: true },
  { path: 'appSecret', label: 'App secret', type: 'password', required: true },
  { path: 'verifyToken', label: 'Verify token', type: 'text', required: true, help: 'Any phrase you choose; enter the same one in the Meta app\'s webhook settings.' },
];

export const CHANNEL_KINDS: ChannelKind[] = [
  {
    kind: 'email',
    label: 'Email',
    testable: true,
    fields: [
      { path: 'address', label: 'Email address', type: 'email', required: true },
      { path: 'fromName', label: 'Sender name', type: 'text', help: 'Shown on outgoing mail, e.g. "Acme Support".' },
      { path: 'imap.host', label: 'IMAP server', type: 'text', required: true },
      { path: 'imap.port', label: 'IMAP port', type: 'number', required: true, initial: '993' },
      { path: 'imap.secure', label: 'IMAP over TLS', type: 'checkbox', initial: true },
      { path: 'imap.user', label: 'IMAP user name', type: 'text', required: true },
      { path: 'imap.password', label: 'IMAP password', type: 'password', required: true },
      { path: 'imap.mailbox', label: 'IMAP folder', type: 'text', help: 'INBOX when empty.' },
      { path: 'smtp.host', label: 'SMTP server', type: 'text', required: true },
      { path: 'smtp.port', label: 'SMTP port', type: 'number', required: true, initial: '465' },
      { path: 'smtp.secure', label: 'SMTP over TLS', type: 'checkbox', initial: true, help: 'Off for STARTTLS on port 587.' },
      { path: 'smtp.user', label: 'SMTP user name', type: 'text' },
      { path: 'smtp.password', label: 'SMTP password', type: 'password' },
    ],
  },
  { kind: 'twilio_sms', label: 'SMS (Twilio)', testable: true, provider: 'Twilio', fields: twilioFields('From number') },
  { kind: 'twilio_whatsapp', label: 'WhatsApp (Twilio)', testable: true, provider: 'Twilio', fields: twilioFields('WhatsApp sender number') },
  { kind: 'messenger', label: 'Facebook Messenger', testable: true, provider: 'Meta', fields: metaFields },
  { kind: 'instagram', label: 'Instagram', testable: true, provider: 'Meta', fields: metaFields },
  {
    kind: 'telegram',
    label: 'Telegram',
    testable: true,
    provider: 'Telegram',
    fields: [{ path: 'botToken', label: 'Bot token', type: 'password', required: true, help: 'From @BotFather. Switchboard registers its webhook with Telegram itself.' }],
  },
  {
    kind: 'web_chat',
    label: 'Web chat',
    testable: false,
    embedsWidget: true,
    fields: [
      { path: 'title', label: 'Widget title', type: 'text', help: '"Chat with us" when empty.' },
      { path: 'greeting', label: 'Greeting', type: 'text' },
      { path: 'allowedOrigins', label: 'Sites allowed to embed the chat', type: 'lines', help: 'One per line, e.g. https://shop.example.com. Empty allows any site.' },
    ],
  },
  {
    kind: 'api',
    label: 'API',
    testable: false,
    fields: [{ path: 'callbackUrl', label: 'Callback URL', type: 'url', help: 'Where Switchboard posts agent replies, signed with the signing secret.' }],
  },
];

export function channelKind(kind: string): ChannelKind | undefined {
  return CHANNEL_KINDS.find((k) => k.kind === kind);
}

export function kindLabel(kind: string): string {
  return channelKind(kind)?.label ?? kind;
}
