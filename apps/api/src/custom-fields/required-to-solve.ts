import { DomainError } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { fieldDefinitions } from './custom-field-store.js';
import { missingToSolve } from './custom-field-values.js';

/** Solving refused because required custom fields are empty; the message names each one. */
export class RequiredFieldsMissing extends DomainError {
  constructor(
    readonly keys: string[],
    labels: string[],
  ) {
    super(
      'invalid',
      keys.map((key, i) => `customFields.${key}: "${labels[i]}" is required to solve the ticket`).join('; '),
    );
  }
}

/**
 * Throws RequiredFieldsMissing when the ticket, as it now stands in this transaction, lacks a
 * field an admin made required to solve. Every way of solving (an agent's PATCH, send-and-solve,
 * a macro, a rule) moves the status through the ticket writer, which calls this; the caller's
 * transaction (or a rule's savepoint) then rolls the change back.
 */
export async function assertSolvable(
  sql: Sql,
  ticket: { custom_fields?: Readonly<Record<string, unknown>> | null },
): Promise<void> {
  const missing = missingToSolve(await fieldDefinitions(sql, 'ticket'), ticket.custom_fields ?? {});
  if (missing.length)
    throw new RequiredFieldsMissing(
      missing.map((f) => f.key),
      missing.map((f) => f.label),
    );
}
