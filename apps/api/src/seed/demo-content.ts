/**
 * What the demo workspace shows a newcomer: one conversation per kind of channel, stored as
 * that channel's messages. Addresses use reserved example domains and numbers (RFC 2606,
 * 555-01xx), so nothing here points at a real person.
 */

export const DEMO_AGENTS = [
  { email: 'ana@switchboard.local', name: 'Ana Agent', role: 'agent', team: 'Support' },
  { email: 'ben@switchboard.local', name: 'Ben Billing', role: 'agent', team: 'Billing' },
  { email: 'sam@switchboard.local', name: 'Sam Supervisor', role: 'supervisor', team: 'Support' },
] as const;

/** Every demo channel says so in its name: it cannot be taken for a real inbox in any list. */
export const DEMO_CHANNELS = {
  email: { kind: 'email', name: 'Demo email (replies recorded, never sent)' },
  sms: { kind: 'twilio_sms', name: 'Demo SMS (replies recorded, never sent)' },
  chat: { kind: 'web_chat', name: 'Demo web chat (replies recorded, never sent)' },
  api: { kind: 'api', name: 'Demo API (replies recorded, never sent)' },
} as const;

export type DemoChannel = keyof typeof DEMO_CHANNELS;

export interface DemoConversation {
  channel: DemoChannel;
  /** The identity's address; for web chat the visitor part after the account id. */
  address: string;
  name: string;
  subject?: string;
  text: string;
  tags?: string[];
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    channel: 'email',
    address: 'maria@example.com',
    name: 'Maria Lopez',
    subject: 'Order #5521 arrived damaged',
    text: 'Hello,\n\nmy order #5521 arrived today and the box was crushed; the lamp inside is broken. Can I get a replacement?\n\nThanks,\nMaria',
    tags: ['Shipping'],
  },
  {
    channel: 'sms',
    address: '+15555550147',
    name: 'Tom Becker',
    text: 'Hi, is my delivery still coming today? Tracking has not moved since yesterday.',
  },
  {
    channel: 'chat',
    address: 'visitor:demo-li',
    name: 'Li Wei',
    text: 'I was charged twice for my subscription this month. Can you check?',
    tags: ['Billing'],
  },
  {
    channel: 'api',
    address: 'sara@example.com',
    name: 'Sara Okafor',
    text: 'Is there a way to export all my invoices as PDF?',
    tags: ['Export PDF'],
  },
];

/** A chat that was answered and solved, with the customer's satisfaction answer. */
export const DEMO_ANSWERED_CHAT = {
  address: 'visitor:demo-kim',
  name: 'Kim Novak',
  text: 'How do I change the email address on my account?',
  reply:
    'Hi Kim, open Settings → Account, change the address and confirm it from the email we send. Anything else?',
  csat: { score: 5, comment: 'Quick and friendly, thanks!' },
};

/** Office hours for the demo SLA: weekdays 09:00–18:00. */
export const DEMO_CALENDAR = {
  name: 'Demo office hours',
  timeZone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
};

export const DEMO_POLICY = {
  name: 'Demo standard SLA',
  targets: {
    firstResponseSeconds: 4 * 3600,
    nextResponseSeconds: 8 * 3600,
    resolutionSeconds: 3 * 24 * 3600,
  },
};
