import type { CustomFieldValue, TicketView } from '@switchboard/contracts';
import type { TicketRow } from '../tickets/ticket-rows.js';
import type { TicketTx } from '../tickets/ticket-writer.js';

/**
 * The SET item merging checked custom field values into a ticket's (or contact's) values: given
 * keys replace, `null` removes a key, other keys stay.
 */
export function mergeCustomFieldsSql(param: string): string {
  return `custom_fields = jsonb_strip_nulls(custom_fields || ${param}::jsonb)`;
}

/** Each custom field whose value changed, with its value before and after (null: none). */
export function customFieldChanges(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

/**
 * The timeline lines of a subject or custom field edit ("subject changed from X to Y by Ana"),
 * at the ticket's new seq; what changed, for `ticket.updated` (null when neither did).
 */
export async function recordTicketFieldEdits(
  tx: TicketTx,
  before: TicketRow,
  after: TicketRow,
  actorId: string | null,
): Promise<Partial<TicketView> | null> {
  const changes: Partial<TicketView> = {};
  if (before.subject !== after.subject) {
    await tx.appendEvent(after, 'subject_changed', { from: before.subject, to: after.subject }, actorId);
    changes.subject = after.subject;
  }
  const fields = customFieldChanges(before.custom_fields, after.custom_fields);
  if (Object.keys(fields).length) {
    await tx.appendEvent(after, 'custom_fields_changed', { fields }, actorId);
    changes.customFields = (after.custom_fields ?? {}) as Record<string, CustomFieldValue>;
  }
  return Object.keys(changes).length ? changes : null;
}
