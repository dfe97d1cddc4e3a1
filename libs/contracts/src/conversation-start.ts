import { z } from 'zod';
import { EmailCopyList, ReplyTemplateInput } from './schemas.js';
import { contentText, keyText, labelText } from './text.js';

/** Whom an agent writes to: a known contact, or an address (a new contact when nobody has it yet). */
export const ConversationRecipient = z.union(
  [
    z.strictObject({ contactId: z.uuid('must be the id of a contact') }),
    z.strictObject({
      kind: keyText().trim().min(1, 'must not be empty').max(40),
      address: keyText().trim().min(1, 'must not be empty').max(320),
      name: labelText().trim().max(200).optional(),
    }),
  ],
  'must be { contactId } or { kind, address }',
);

/** `POST /api/tickets`: an agent starts a conversation; the first message goes out on `channelAccountId`. */
export const StartConversationBody = z.strictObject({
  to: ConversationRecipient,
  channelAccountId: z.uuid('must be the id of a channel account'),
  subject: labelText()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional(),
  body: contentText().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
  /** Uploads belong to a ticket, so a first message goes without; refused with the reason when given. */
  attachmentIds: z.array(z.uuid('must be the id of an upload')).max(20, 'at most 20 attachments').optional(),
  cc: EmailCopyList.optional(),
  bcc: EmailCopyList.optional(),
  /** WhatsApp outside the 24-hour window: an approved template; `body` is its preview. */
  template: ReplyTemplateInput.optional(),
});
export type StartConversationBody = z.infer<typeof StartConversationBody>;

/** What `POST /api/tickets` answers: the new ticket and its first message (the same on a retried request). */
export interface StartedConversationView {
  ticketId: string;
  number: number;
  messageId: string;
  contactId: string;
  /** True when an earlier request with the same Idempotency-Key already started it. */
  replayed: boolean;
}

/** An agent following a ticket: told of its changes. */
export interface TicketFollowerView {
  userId: string;
  name: string;
}

export interface TicketFollowersView {
  items: TicketFollowerView[];
  /** Whether the caller follows the ticket. */
  following: boolean;
}
