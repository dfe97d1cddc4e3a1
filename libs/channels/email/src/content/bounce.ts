import type { ParsedMail } from './parse-mail.js';
import { normalizeMessageId } from './parse-mail.js';

/**
 * Reads a delivery status notification (RFC 3464) so the core can mark the outbound message
 * it is about as failed, with the reason the receiving server gave.
 */

export interface BouncedRecipient {
  /** Final-Recipient, else Original-Recipient, without the `rfc822;` type. */
  address: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  /** Enhanced status code, e.g. 5.1.1. */
  status?: string;
  /** Diagnostic-Code text, e.g. "550 No such user here". */
  diagnostic?: string;
  /** 5.x.x and an action of failed: retrying will not help. */
  permanent: boolean;
}

export interface BounceReport {
  /** Message-ID of the message that bounced (ours, if we sent it). */
  originalMessageId?: string;
  recipients: BouncedRecipient[];
  /** One line for the message's delivery error, e.g. "htfg@ethereal.email: 5.0.0 550 No such user here". */
  reason: string;
}

/** Header fields of one block of a DSN, unfolded; names lower-cased. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (m && !fields.has(m[1].toLowerCase())) fields.set(m[1].toLowerCase(), m[2].trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

const stripType = (value: string | undefined) =>
  value
    ?.replace(/^[a-z0-9-]+;\s*/i, '')
    .replace(/^<|>$/g, '')
    .trim();

/** A bounce report when the mail carries a delivery-status part, else undefined. */
export function extractBounce(mail: ParsedMail): BounceReport | undefined {
  const status = mail.reports.deliveryStatus;
  if (!status) return undefined;

  // The first block describes the message (Reporting-MTA…), the others one recipient each.
  const recipients = fieldBlocks(status)
    .filter((f) => f.has('final-recipient') || f.has('original-recipient'))
    .map((f): BouncedRecipient => {
      const action = (f.get('action') ?? 'failed').toLowerCase();
      const code = f.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0];
      return {
        address: (
          stripType(f.get('final-recipient')) ||
          stripType(f.get('original-recipient')) ||
          ''
        ).toLowerCase(),
        action,
        status: code,
        diagnostic: stripType(f.get('diagnostic-code')),
        permanent: action === 'failed' && (code ? code.startsWith('5') : true),
      };
    });

  const originalHeaders = mail.reports.originalHeaders ?? '';
  const idLine = /^message-id:[ \t]*(.*(?:\n[ \t]+.*)*)/im.exec(originalHeaders.replace(/\r\n?/g, '\n'))?.[1];
  const failed = recipients.filter((r) => r.action === 'failed');
  const described = (failed.length ? failed : recipients).map((r) =>
    [`${r.address}:`, r.status, r.diagnostic].filter(Boolean).join(' '),
  );
  return {
    originalMessageId: normalizeMessageId(idLine?.replace(/\s+/g, ' ')),
    recipients,
    reason: described.join('; ') || 'delivery failed (no recipient details in the report)',
  };
}
