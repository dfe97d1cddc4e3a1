import type { MessageView } from '@switchboard/contracts';
import { rooms } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import type { TicketTx } from './ticket-writer.js';

export interface MentionCandidate {
  id: string;
  name: string;
  email: string;
}

const WORD = /[\p{L}\p{N}_]/u;
/** Characters that may precede an email's "@": such an "@" is part of an address, not a mention. */
const ADDRESS_CHAR = /[\p{L}\p{N}._%+-]/u;

/**
 * Colleagues an `@Name`, `@First` or `@email` in the text points at. The longest alias wins, so
 * "@Ana Lopez" is Ana Lopez even when there is also an "Ana"; a first name counts only when it
 * is unique among the candidates.
 */
export function findMentions(text: string, candidates: MentionCandidate[]): MentionCandidate[] {
  const firstNames = new Map<string, number>();
  for (const c of candidates) {
    const first = c.name.trim().split(/\s+/)[0].toLowerCase();
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const aliases = candidates.flatMap((c) => {
    const first = c.name.trim().split(/\s+/)[0].toLowerCase();
    const out = [c.email.toLowerCase(), c.name.trim().toLowerCase()];
    if (firstNames.get(first) === 1) out.push(first);
    return out.filter(Boolean).map((alias) => ({ alias, candidate: c }));
  });
  const lower = text.toLowerCase();
  const found = new Map<string, MentionCandidate>();
  for (let i = lower.indexOf('@'); i !== -1; i = lower.indexOf('@', i + 1)) {
    if (i > 0 && ADDRESS_CHAR.test(lower[i - 1])) continue;
    const rest = lower.slice(i + 1);
    let best: { alias: string; candidate: MentionCandidate } | null = null;
    for (const a of aliases) {
      const after = rest[a.alias.length];
      if (
        rest.startsWith(a.alias) &&
        (after === undefined || !WORD.test(after)) &&
        a.alias.length > (best?.alias.length ?? 0)
      )
        best = a;
    }
    if (best) found.set(best.candidate.id, best.candidate);
  }
  return [...found.values()];
}

export function mentionExcerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Records who a note mentions (in `messages.meta.mentions`) and queues a `mention` event for
 * each, addressed to that agent's room only. Only active users who may see the ticket count, so
 * a mention never tells anyone about a ticket they cannot open.
 */
export async function recordNoteMentions(
  tx: TicketTx,
  ticket: { id: string; team_id: string | null; assignee_id: string | null },
  viewer: AuthenticatedViewer,
  note: MessageView,
): Promise<MentionCandidate[]> {
  if (!note.text.includes('@')) return [];
  const candidates = await tx.sql.query<MentionCandidate>(
    `SELECT u.id, u.name, u.email FROM users u
      WHERE u.active AND (u.role <> 'agent' OR u.id = $1
            OR EXISTS (SELECT 1 FROM team_memberships m WHERE m.user_id = u.id AND m.team_id = $2))`,
    [ticket.assignee_id, ticket.team_id],
  );
  const mentions = findMentions(note.text, candidates);
  if (mentions.length === 0) return mentions;
  await tx.sql.query(
    `UPDATE messages SET meta = meta || jsonb_build_object('mentions', $2::jsonb) WHERE id = $1`,
    [note.id, JSON.stringify(mentions.map((m) => ({ userId: m.id, name: m.name })))],
  );
  const excerpt = mentionExcerpt(note.text);
  for (const m of mentions) {
    if (m.id === viewer.userId) continue;
    await tx.emitTo(
      ticket.id,
      'mention',
      { ticketId: ticket.id, messageId: note.id, byUserId: viewer.userId, byName: viewer.name, excerpt },
      [rooms.agent(m.id)],
    );
  }
  return mentions;
}
