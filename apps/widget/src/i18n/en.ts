/** The widget's English words: the source catalog; every other language has exactly these keys. */
export const en = {
  panel: {
    label: 'Chat',
    defaultTitle: 'Chat with us',
    open: 'Open chat',
    close: 'Close chat',
    replyTime: 'We typically reply in a few minutes',
    away: 'We are away right now',
    backAt: 'We are back {{when}}',
  },
  composer: {
    label: 'Message',
    placeholder: 'Write a message…',
    attach: 'Attach a file',
    send: 'Send',
    uploading: 'Uploading {{name}}…',
    attachFailed: 'Could not attach {{name}}: {{reason}}',
  },
  message: {
    sending: 'Sending…',
    sentAt: '{{time}}',
    sentAtRead: '{{time}} · Read',
    notSent: 'Not sent: {{reason}}',
    connectionDown: 'the connection is down',
    typing: '{{name}} is typing…',
    solved: 'This conversation was marked as solved. Write again any time.',
    defaultGreeting: 'Hi! How can we help?',
  },
  articles: {
    label: 'Suggested help articles',
    intro: 'These articles may answer your question:',
  },
  contact: {
    intro: 'Tell us who you are, so we can get back to you.',
    defaultOffline: 'We are away right now. Leave your email and we will answer there.',
    name: 'Your name',
    nameOptional: 'Your name (optional)',
    email: 'Email',
    emailOptional: 'Email (optional)',
    start: 'Start chat',
    leaveEmail: 'Leave my email',
    skip: 'Skip',
    thanks: 'Thanks! How can we help?',
    thanksOffline: 'Thanks! Write your question below; the answer will reach you by email.',
  },
  csat: {
    question: 'How did we do?',
    scale: 'Rate this conversation from 1 to 5',
    score: '{{score}} out of 5',
    comment: 'Anything to add? (optional)',
    send: 'Send feedback',
    sending: 'Sending…',
    pickScore: 'Choose a score from 1 to 5 first.',
    failed: 'Your feedback was not sent: {{reason}}',
    thanks: 'Thank you for your feedback!',
    transcript: 'Email me a transcript',
    transcriptSent: 'Transcript sent.',
    nothingToSend: 'There is nothing to send yet.',
  },
};

/** The shape every catalog has: the same keys as English, any words. */
type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
export type WidgetCatalog = Catalog<typeof en>;
