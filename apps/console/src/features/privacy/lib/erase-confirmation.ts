/**
 * What an admin types to confirm an erasure: the contact's name, else their first address, else
 * the start of their id. Typing it proves they look at the right person; it cannot be undone.
 */
export function erasePhrase(contact: {
  id: string;
  name: string | null;
  identities: Array<{ address: string }>;
}): string {
  return contact.name?.trim() || contact.identities[0]?.address || contact.id.slice(0, 8);
}

/** Whether the typed text matches, ignoring case and the spaces around it. */
export function confirmsErasure(typed: string, phrase: string): boolean {
  return typed.trim().toLowerCase() === phrase.trim().toLowerCase() && phrase.trim() !== '';
}
