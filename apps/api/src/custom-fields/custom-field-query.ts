/**
 * The ticket list's query string spells custom field filters `cf.<key>=value` (readable in a
 * URL a supervisor shares); the contract takes them as one `customFields` object.
 */
export function gatherCustomFieldFilters(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  const rest: Record<string, unknown> = {};
  const customFields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (name.startsWith('cf.')) customFields[name.slice(3)] = value;
    else rest[name] = value;
  }
  return Object.keys(customFields).length ? { ...rest, customFields } : rest;
}
