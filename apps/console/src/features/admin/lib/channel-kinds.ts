import type { ChannelKind as ChannelKindCode } from '@switchboard/contracts';
import { channelAccountKindName } from '../../../lib/channel-names';
import { i18n } from '../../../i18n';
import { WIDGET_DEFAULTS } from './widget-look';

const t = (key: string) => i18n.t(key);

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

/** Whose console the admin pastes a webhook URL into: names, the same in every language. */
const PROVIDERS = { twilio: 'Twilio', meta: 'Meta', telegram: 'Telegram' } as const;

const PRE_CHAT = ['off', 'optional', 'required'] as const;

const twilioFields = (fromLabel: string): ConfigField[] => [
  {
    path: 'accountSid',
    label: t('adminScreens.fields.accountSid'),
    type: 'text',
    required: true,
    help: t('adminScreens.fields.accountSidHelp'),
  },
  { path: 'authToken', label: t('adminScreens.fields.authToken'), type: 'password', required: true },
  {
    path: 'from',
    label: fromLabel,
    type: 'text',
    help: t('adminScreens.fields.fromHelp'),
  },
  { path: 'messagingServiceSid', label: t('adminScreens.fields.messagingServiceSid'), type: 'text' },
  {
    path: 'publicUrl',
    label: t('adminScreens.fields.publicUrl'),
    type: 'url',
    help: t('adminScreens.fields.publicUrlHelp'),
  },
];

const whatsappTemplates = (): ConfigField => ({
  path: 'templates',
  label: t('adminScreens.fields.templates'),
  type: 'json',
  advanced: true,
  help: t('adminScreens.fields.templatesHelp'),
});

const metaFields = (): ConfigField[] => [
  { path: 'pageId', label: t('adminScreens.fields.pageId'), type: 'text', required: true },
  {
    path: 'pageAccessToken',
    label: t('adminScreens.fields.pageAccessToken'),
    type: 'password',
    required: true,
  },
  { path: 'appSecret', label: t('adminScreens.fields.appSecret'), type: 'password', required: true },
  {
    path: 'verifyToken',
    label: t('adminScreens.fields.verifyToken'),
    type: 'text',
    secret: true,
    required: true,
    help: t('adminScreens.fields.verifyTokenHelp'),
  },
  {
    path: 'humanAgentTag',
    label: t('adminScreens.fields.humanAgentTag'),
    type: 'checkbox',
    advanced: true,
    help: t('adminScreens.fields.humanAgentTagHelp'),
  },
];

/**
 * Built on each call so labels and help follow the language the agent picked (the list is small
 * and only the channel forms ask for it).
 */
export function channelKinds(): ChannelKind[] {
  return [
    {
      kind: 'email',
      label: channelAccountKindName('email'),
      testable: true,
      fields: [
        { path: 'address', label: t('adminScreens.fields.address'), type: 'email', required: true },
        {
          path: 'fromName',
          label: t('adminScreens.fields.fromName'),
          type: 'text',
          help: t('adminScreens.fields.fromNameHelp'),
        },
        { path: 'imap.host', label: t('adminScreens.fields.imapHost'), type: 'text', required: true },
        {
          path: 'imap.port',
          label: t('adminScreens.fields.imapPort'),
          type: 'number',
          required: true,
          initial: '993',
        },
        { path: 'imap.secure', label: t('adminScreens.fields.imapSecure'), type: 'checkbox', initial: true },
        { path: 'imap.user', label: t('adminScreens.fields.imapUser'), type: 'text', required: true },
        {
          path: 'imap.password',
          label: t('adminScreens.fields.imapPassword'),
          type: 'password',
          required: true,
        },
        {
          path: 'imap.mailbox',
          label: t('adminScreens.fields.imapMailbox'),
          type: 'text',
          help: t('adminScreens.fields.imapMailboxHelp'),
        },
        { path: 'smtp.host', label: t('adminScreens.fields.smtpHost'), type: 'text', required: true },
        {
          path: 'smtp.port',
          label: t('adminScreens.fields.smtpPort'),
          type: 'number',
          required: true,
          initial: '465',
        },
        {
          path: 'smtp.secure',
          label: t('adminScreens.fields.smtpSecure'),
          type: 'checkbox',
          initial: true,
          help: t('adminScreens.fields.smtpSecureHelp'),
        },
        { path: 'smtp.user', label: t('adminScreens.fields.smtpUser'), type: 'text' },
        { path: 'smtp.password', label: t('adminScreens.fields.smtpPassword'), type: 'password' },
        {
          path: 'autoAcknowledge.enabled',
          label: t('adminScreens.fields.autoAcknowledgeEnabled'),
          type: 'checkbox',
          advanced: true,
        },
        {
          path: 'autoAcknowledge.capPerHour',
          label: t('adminScreens.fields.autoAcknowledgeCapPerHour'),
          type: 'number',
          advanced: true,
          help: t('adminScreens.fields.autoAcknowledgeCapPerHourHelp'),
        },
        {
          path: 'autoAcknowledge.expectedResponse',
          label: t('adminScreens.fields.autoAcknowledgeExpectedResponse'),
          type: 'text',
          advanced: true,
          help: t('adminScreens.fields.autoAcknowledgeExpectedResponseHelp'),
        },
        {
          path: 'orgDomains',
          label: t('adminScreens.fields.orgDomains'),
          type: 'csv',
          advanced: true,
          help: t('adminScreens.fields.orgDomainsHelp'),
        },
        {
          path: 'maxAttachmentBytes',
          label: t('adminScreens.fields.maxAttachmentBytes'),
          type: 'number',
          advanced: true,
          help: t('adminScreens.fields.maxAttachmentBytesHelp'),
        },
        {
          path: 'moveTo',
          label: t('adminScreens.fields.moveTo'),
          type: 'text',
          advanced: true,
          help: t('adminScreens.fields.moveToHelp'),
        },
      ],
      wholeObjects: ['autoAcknowledge'],
    },
    {
      kind: 'twilio_sms',
      label: channelAccountKindName('twilio_sms'),
      testable: true,
      provider: PROVIDERS.twilio,
      fields: twilioFields(t('adminScreens.fields.fromNumber')),
    },
    {
      kind: 'twilio_whatsapp',
      label: channelAccountKindName('twilio_whatsapp'),
      testable: true,
      provider: PROVIDERS.twilio,
      fields: [...twilioFields(t('adminScreens.fields.whatsappFrom')), whatsappTemplates()],
    },
    {
      kind: 'messenger',
      label: channelAccountKindName('messenger'),
      testable: true,
      provider: PROVIDERS.meta,
      fields: metaFields(),
    },
    {
      kind: 'instagram',
      label: channelAccountKindName('instagram'),
      testable: true,
      provider: PROVIDERS.meta,
      fields: metaFields(),
    },
    {
      kind: 'telegram',
      label: channelAccountKindName('telegram'),
      testable: true,
      provider: PROVIDERS.telegram,
      fields: [
        {
          path: 'botToken',
          label: t('adminScreens.fields.botToken'),
          type: 'password',
          required: true,
          help: t('adminScreens.fields.botTokenHelp'),
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
          label: t('adminScreens.fields.title'),
          type: 'text',
          help: t('adminScreens.fields.titleHelp'),
        },
        { path: 'greeting', label: t('adminScreens.fields.greeting'), type: 'text' },
        {
          path: 'allowedOrigins',
          label: t('adminScreens.fields.allowedOrigins'),
          type: 'lines',
          help: t('adminScreens.fields.allowedOriginsHelp'),
        },
        {
          path: 'colors.primary',
          label: t('adminScreens.fields.colorsPrimary'),
          type: 'color',
          advanced: true,
          initial: WIDGET_DEFAULTS.primary,
          help: t('adminScreens.fields.colorsPrimaryHelp'),
        },
        {
          path: 'colors.text',
          label: t('adminScreens.fields.colorsText'),
          type: 'color',
          advanced: true,
          initial: WIDGET_DEFAULTS.text,
        },
        {
          path: 'position',
          label: t('adminScreens.fields.position'),
          type: 'select',
          options: ['right', 'left'],
          advanced: true,
          initial: 'right',
        },
        {
          path: 'preChat.name',
          label: t('adminScreens.fields.preChatName'),
          type: 'select',
          options: PRE_CHAT,
          advanced: true,
          initial: 'optional',
        },
        {
          path: 'preChat.email',
          label: t('adminScreens.fields.preChatEmail'),
          type: 'select',
          options: PRE_CHAT,
          advanced: true,
          initial: 'optional',
        },
        {
          path: 'offlineMessage',
          label: t('adminScreens.fields.offlineMessage'),
          type: 'text',
          advanced: true,
        },
        {
          path: 'emailAccountId',
          label: t('adminScreens.fields.emailAccountId'),
          type: 'email-account',
          advanced: true,
        },
        {
          path: 'businessHours',
          label: t('adminScreens.fields.businessHours'),
          type: 'business-hours',
          advanced: true,
          help: t('adminScreens.fields.businessHoursHelp'),
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
          label: t('adminScreens.fields.callbackUrl'),
          type: 'url',
          help: t('adminScreens.fields.callbackUrlHelp'),
        },
      ],
    },
  ];
}

export function channelKind(kind: string): ChannelKind | undefined {
  return channelKinds().find((k) => k.kind === kind);
}

export function kindLabel(kind: string): string {
  return channelAccountKindName(kind);
}
