import type { ChannelKind as ChannelKindCode } from '@switchboard/contracts';
import { channelAccountKindName } from '../../../lib/channel-names';

/**
 * What the add form asks for, per channel kind. The contracts live with each adapter
 * (libs/channels/*: email-config.ts, twilio-adapter.ts, meta-adapter.ts, telegram-adapter.ts,
 * web-chat-settings.ts); the API checks every value and its 400 names the field, so this list
 * only needs to offer the fields, not re-validate them.
 */
export type ConfigFieldType =
  | 'text'
  | 'email'
  | 'password'
  | 'number'
  | 'url'
  | 'checkbox'
  /** A list, one entry per line. */
  | 'lines'
  /** A list on one line, comma separated. */
  | 'csv'
  | 'select'
  /** A colour picker (six-digit hex). */
  | 'color'
  /** JSON typed by the admin (WhatsApp templates); the API's 400 names what is wrong in it. */
  | 'json'
  /** One of the email channel accounts (chat transcripts and offline replies). */
  | 'email-account'
  /** A time zone and opening hours per weekday (lib/business-hours.ts). */
  | 'business-hours';

export interface ConfigField {
  /** Where the value goes in `config`; dots make nested objects ("imap.host"). */
  path: string;
  label: string;
  type: ConfigFieldType;
  required?: boolean;
  initial?: string | boolean;
  help?: string;
  options?: readonly string[];
  /** A credential not typed as a password (Meta's verify token): the API never returns it either. */
  secret?: boolean;
  /** Shown under "More settings". */
  advanced?: boolean;
}

export interface ChannelKind {
  /** The API's channel kind this form creates. */
  kind: ChannelKindCode;
  /** From the console's one channel table (lib/channel-names.ts). */
  label: string;
  fields: ConfigField[];
  /** The API can log in to the provider with the stored credentials (the adapter's connection test). */
  testable: boolean;
  /** Whose console the webhook URL is pasted into. */
  provider?: string;
  /** The channel is the chat widget: the admin needs the `<script>` tag, and sees a preview. */
  embedsWidget?: boolean;
  /** Objects the API checks as a whole (autoAcknowledge needs `enabled`): an edit sends all of their fields. */
  wholeObjects?: readonly string[];
  /** Inbound is authenticated by an API key the admin can replace. */
  rotatesKey?: boolean;
}

const PRE_CHAT = ['off', 'optional', 'required'] as const;

const twilioFields = (fromLabel: string): ConfigField[] => [
  {
    path: 'accountSid',
    label: 'Account SID',
    type: 'text',
    required: true,
    help: 'From the Twilio console: AC followed by 32 characters.',
  },
  { path: 'authToken', label: 'Auth token', type: 'password', required: true },
  {
    path: 'from',
    label: fromLabel,
    type: 'text',
    help: 'In international format, e.g. +15005550006. Or give a Messaging Service SID instead.',
  },
  { path: 'messagingServiceSid', label: 'Messaging Service SID', type: 'text' },
  {
    path: 'publicUrl',
    label: 'Public URL',
    type: 'url',
    help: 'The address Twilio reaches this server at (e.g. https://help.example.com); webhook signatures are checked against it.',
  },
];

const whatsappTemplates: ConfigField = {
  path: 'templates',
  label: 'Approved templates',
  type: 'json',
  advanced: true,
  help: 'Templates agents may send outside the 24-hour window, as JSON: [{"contentSid": "HX…", "name": "Order update", "variables": ["1"]}].',
};

const metaFields: ConfigField[] = [
  { path: 'pageId', label: 'Page ID', type: 'text', required: true },
  { path: 'pageAccessToken', label: 'Page access token', type: 'password', required: true },
  { path: 'appSecret', label: 'App secret', type: 'password', required: true },
  {
    path: 'verifyToken',
    label: 'Verify token',
    type: 'text',
    secret: true,
    required: true,
    help: "Any phrase you choose; enter the same one in the Meta app's webhook settings.",
  },
  {
    path: 'humanAgentTag',
    label: 'Use the HUMAN_AGENT tag',
    type: 'checkbox',
    advanced: true,
    help: "Lets agents answer up to 7 days after the customer wrote (needs Meta's approval of the tag).",
  },
];

export const CHANNEL_KINDS: ChannelKind[] = [
  {
    kind: 'email',
    label: channelAccountKindName('email'),
    testable: true,
    fields: [
      { path: 'address', label: 'Email address', type: 'email', required: true },
      {
        path: 'fromName',
        label: 'Sender name',
        type: 'text',
        help: 'Shown on outgoing mail, e.g. "Acme Support".',
      },
      { path: 'imap.host', label: 'IMAP server', type: 'text', required: true },
      { path: 'imap.port', label: 'IMAP port', type: 'number', required: true, initial: '993' },
      { path: 'imap.secure', label: 'IMAP over TLS', type: 'checkbox', initial: true },
      { path: 'imap.user', label: 'IMAP user name', type: 'text', required: true },
      { path: 'imap.password', label: 'IMAP password', type: 'password', required: true },
      { path: 'imap.mailbox', label: 'IMAP folder', type: 'text', help: 'INBOX when empty.' },
      { path: 'smtp.host', label: 'SMTP server', type: 'text', required: true },
      { path: 'smtp.port', label: 'SMTP port', type: 'number', required: true, initial: '465' },
      {
        path: 'smtp.secure',
        label: 'SMTP over TLS',
        type: 'checkbox',
        initial: true,
        help: 'Off for STARTTLS on port 587.',
      },
      { path: 'smtp.user', label: 'SMTP user name', type: 'text' },
      { path: 'smtp.password', label: 'SMTP password', type: 'password' },
      {
        path: 'autoAcknowledge.enabled',
        label: 'Acknowledge new tickets by mail',
        type: 'checkbox',
        advanced: true,
      },
      {
        path: 'autoAcknowledge.capPerHour',
        label: 'Acknowledgements per sender per hour',
        type: 'number',
        advanced: true,
        help: '3 when empty; stops mail loops with auto-responders.',
      },
      {
        path: 'autoAcknowledge.expectedResponse',
        label: 'Expected response time',
        type: 'text',
        advanced: true,
        help: 'Words used when the ticket has no SLA due time, e.g. "within 4 business hours".',
      },
      {
        path: 'orgDomains',
        label: 'Organisation domains',
        type: 'csv',
        advanced: true,
        help: "Comma separated, e.g. acme.com, acme.de: colleagues from these domains may join each other's tickets.",
      },
      {
        path: 'maxAttachmentBytes',
        label: 'Largest attachment (bytes)',
        type: 'number',
        advanced: true,
        help: 'Larger attachments are noted on the message but not stored.',
      },
      {
        path: 'moveTo',
        label: 'Move processed mail to folder',
        type: 'text',
        advanced: true,
        help: 'Leave empty to keep processed mail in place (it is flagged).',
      },
    ],
    wholeObjects: ['autoAcknowledge'],
  },
  {
    kind: 'twilio_sms',
    label: channelAccountKindName('twilio_sms'),
    testable: true,
    provider: 'Twilio',
    fields: twilioFields('From number'),
  },
  {
    kind: 'twilio_whatsapp',
    label: channelAccountKindName('twilio_whatsapp'),
    testable: true,
    provider: 'Twilio',
    fields: [...twilioFields('WhatsApp sender number'), whatsappTemplates],
  },
  {
    kind: 'messenger',
    label: channelAccountKindName('messenger'),
    testable: true,
    provider: 'Meta',
    fields: metaFields,
  },
  {
    kind: 'instagram',
    label: channelAccountKindName('instagram'),
    testable: true,
    provider: 'Meta',
    fields: metaFields,
  },
  {
    kind: 'telegram',
    label: channelAccountKindName('telegram'),
    testable: true,
    provider: 'Telegram',
    fields: [
      {
        path: 'botToken',
        label: 'Bot token',
        type: 'password',
        required: true,
        help: 'From @BotFather. Switchboard registers its webhook with Telegram itself.',
      },
    ],
  },
  {
    kind: 'web_chat',
    label: channelAccountKindName('web_chat'),
    testable: false,
    embedsWidget: true,
    fields: [
      {
        path: 'title',
        label: 'Widget title',
        type: 'text',
        help: '"Chat with us" in the visitor’s language when empty.',
      },
      { path: 'greeting', label: 'Greeting', type: 'text' },
      {
        path: 'allowedOrigins',
        label: 'Sites allowed to embed the chat',
        type: 'lines',
        help: 'One per line, e.g. https://shop.example.com. Empty allows any site.',
      },
      {
        path: 'colors.primary',
        label: 'Main colour',
        type: 'color',
        advanced: true,
        initial: '#2f6fed',
        help: 'The launcher, the header and the visitor’s messages.',
      },
      {
        path: 'colors.text',
        label: 'Text colour on the main colour',
        type: 'color',
        advanced: true,
        initial: '#ffffff',
      },
      {
        path: 'position',
        label: 'Position on the page',
        type: 'select',
        options: ['right', 'left'],
        advanced: true,
        initial: 'right',
      },
      {
        path: 'preChat.name',
        label: "Ask for the visitor's name",
        type: 'select',
        options: PRE_CHAT,
        advanced: true,
        initial: 'optional',
      },
      {
        path: 'preChat.email',
        label: "Ask for the visitor's email",
        type: 'select',
        options: PRE_CHAT,
        advanced: true,
        initial: 'optional',
      },
      { path: 'offlineMessage', label: 'Message when nobody is available', type: 'text', advanced: true },
      {
        path: 'emailAccountId',
        label: 'Email channel for offline replies and transcripts',
        type: 'email-account',
        advanced: true,
      },
      {
        path: 'businessHours',
        label: 'Business hours',
        type: 'business-hours',
        advanced: true,
        help: 'Leave every day empty to be open around the clock.',
      },
    ],
    wholeObjects: ['colors', 'preChat'],
  },
  {
    kind: 'api',
    label: channelAccountKindName('api'),
    testable: false,
    rotatesKey: true,
    fields: [
      {
        path: 'callbackUrl',
        label: 'Callback URL',
        type: 'url',
        help: 'Where Switchboard posts agent replies, signed with the signing secret.',
      },
    ],
  },
];

export function channelKind(kind: string): ChannelKind | undefined {
  return CHANNEL_KINDS.find((k) => k.kind === kind);
}

export function kindLabel(kind: string): string {
  return channelAccountKindName(kind);
}
