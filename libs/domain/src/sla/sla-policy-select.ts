import { customFieldsMatch } from '../custom-field-conditions.js';
import { normalizeTag } from '../tags.js';

/**
 * Which SLA policy applies to a ticket. Admins order policies from most to least specific; the
 * first active policy whose conditions all hold wins, so a catch-all policy goes last.
 */

/**
 * Each present condition must hold: the ticket's priority / channel / team must be listed, and
 * for tags the ticket (or its contact) must carry at least one of them. An absent or empty list
 * is no condition (an admin form's untouched multi-select sends `[]`).
 */
export interface SlaPolicyConditions {
  priorities?: readonly string[];
  channels?: readonly string[];
  teamIds?: readonly string[];
  tags?: readonly string[];
  /** Custom field key → values, one of which the ticket's field must hold. */
  customFields?: Readonly<Record<string, readonly string[]>>;
}

export interface SelectablePolicy {
  order: number;
  active: boolean;
  conditions: SlaPolicyConditions;
}

/** What policy selection looks at; `tags` are the ticket's and its contact's tags together. */
export interface PolicyTicketFacts {
  priority: string;
  channel: string;
  teamId: string | null;
  tags: readonly string[];
  customFields?: Readonly<Record<string, unknown>>;
}

function listed(list: readonly string[] | undefined, value: string | null): boolean {
  if (!list || list.length === 0) return true;
  return value !== null && list.includes(value);
}

export function policyMatches(conditions: SlaPolicyConditions, ticket: PolicyTicketFacts): boolean {
  const tagsOk =
    !conditions.tags ||
    conditions.tags.length === 0 ||
    conditions.tags.some((t) => ticket.tags.map(normalizeTag).includes(normalizeTag(t)));
  return (
    listed(conditions.priorities, ticket.priority) &&
    listed(conditions.channels, ticket.channel) &&
    listed(conditions.teamIds, ticket.teamId) &&
    tagsOk &&
    customFieldsMatch(conditions.customFields, ticket.customFields)
  );
}

/**
 * The first active policy (lowest `order`) matching the ticket, or null for "no SLA". Policies
 * with equal `order` keep their given order, so the result never depends on sort instability.
 * Re-run it whenever a selecting fact changes (priority, channel, team, tags).
 */
export function selectPolicy<P extends SelectablePolicy>(
  policies: readonly P[],
  ticket: PolicyTicketFacts,
): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (!policy.active || !policyMatches(policy.conditions, ticket)) continue;
    if (best === null || policy.order < best.order) best = policy;
  }
  return best;
}
