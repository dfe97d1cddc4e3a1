import { z } from 'zod';

/**
 * A mailbox account's config (DESIGN: `{ address, imap, smtp, autoAcknowledge? }`), checked on
 * create so a typo surfaces as a 400 naming the field, not as a watcher failing at night.
 * `imap` and `smtp` are sealed at rest by the core (channel-accounts.service.ts).
 */
const Host = z.string().trim().min(1).max(255);
const Port = z.coerce.number().int().min(1).max(65535);

const EmailAccountConfigSchema = z.object({
  address: z.email().transform((a) => a.toLowerCase()),
  /** Display name on outbound mail, e.g. "Acme Support". */
  fromName: z.string().trim().max(120).optional(),
  imap: z.object({
    host: Host,
    port: Port,
    secure: z.boolean(),
    user: z.string().min(1).max(320),
    password: z.string().max(1024),
    mailbox: z.string().trim().min(1).max(255).optional(),
  }),
  smtp: z.object({
    host: Host,
    port: Port,
    secure: z.boolean(),
    user: z.string().max(320).optional(),
    password: z.string().max(1024).optional(),
  }),
  autoAcknowledge: z
    .object({
      enabled: z.boolean(),
      capPerHour: z.number().int().min(0).max(100).default(3),
      /** Words for the expected response time when the ticket has no SLA due time. */
      expectedResponse: z.string().trim().max(200).optional(),
    })
    .optional(),
  /**
   * authserv-ids of the servers that receive this mailbox's mail (the first word of the
   * Authentication-Results header they add, e.g. "mx.example.com"): a From that passed DMARC,
   * DKIM or SPF there is proven and may link to the same address on other channels.
   */
  authServIds: z.array(z.string().trim().toLowerCase().min(1).max(255)).max(10).optional(),
  /** Domains whose people may join any ticket of theirs (colleagues replying on a thread). */
  orgDomains: z.array(z.string().trim().toLowerCase().min(3).max(255)).max(50).optional(),
  /** Attachments larger than this are recorded as rejected on the message, not stored. */
  maxAttachmentBytes: z
    .number()
    .int()
    .min(1)
    .max(200 * 1024 * 1024)
    .optional(),
  /** Mail larger than this goes to quarantine instead of being parsed. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .optional(),
  /** How often the mailbox is checked when the server does not notify (no IDLE), in ms. */
  pollIntervalMs: z.number().int().min(200).max(3_600_000).optional(),
  /** Folder processed mail is moved to after it is stored and flagged (optional). */
  moveTo: z.string().trim().min(1).max(255).optional(),
});

export type EmailAccountConfig = z.infer<typeof EmailAccountConfigSchema>;

/** The checked config, or an Error whose message names the wrong field(s). */
export function readEmailConfig(config: Record<string, unknown>): EmailAccountConfig {
  const parsed = EmailAccountConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new Error(
    parsed.error.issues.map((i) => `config.${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
  );
}

export function mailboxOf(config: EmailAccountConfig): string {
  return config.imap.mailbox ?? 'INBOX';
}
