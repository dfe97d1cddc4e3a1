import type { MacroAction, TicketView } from '@switchboard/contracts';
import { renderTemplate } from '@switchboard/contracts';
import { conflict, invalid, normalizeTags, statusAfter } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import type { SlaClockService } from '../sla/sla-clock.service.js';
import { statusChange } from '../sla/sla-clock.service.js';
import { recordNoteMentions } from '../tickets/note-mentions.js';
import { toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { scopeOf, type TicketTx } from '../tickets/ticket-writer.js';

/** The values a macro's reply text may use. */
function templateValues(ticket: TicketRow, viewer: AuthenticatedViewer) {
  const name = ticket.contact_name?.trim() || '';
  return {
    'contact.name': name || 'there',
    'contact.first_name': name.split(/\s+/)[0] || 'there',
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': viewer.name,
  };
}

function changed(before: TicketView, after: TicketView): Partial<TicketView> {
  const out: Record<string, unknown> = {};
  for (const key of ['status', 'priority', 'assigneeId', 'teamId', 'tags'] as const)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  return out as Partial<TicketView>;
}

/**
 * Applies a macro's actions in order to one locked ticket, in the caller's transaction: any
 * action that fails throws, and the whole ticket rolls back. The ticket's fields move through
 * the writer (seq, transitions), and agents hear one `ticket.updated` with what changed.
 */
export async function applyMacroActions(
  tx: TicketTx,
  sla: SlaClockService,
  viewer: AuthenticatedViewer,
  ticket: TicketRow,
  actions: readonly MacroAction[],
): Promise<TicketView> {
  let current = ticket;
  for (const [i, action] of actions.entries()) {
    const where = `actions[${i}] (${action.type})`;
    switch (action.type) {
      case 'set_status': {
        if (action.status === current.status) break;
        const before = current.status;
        current = await tx.transition(current, action.status, 'agent', {
          refusal: `${where}: a ${before} ticket cannot become ${action.status}`,
        });
        await sla.apply(tx.sql, current, statusChange(before, current.status));
        break;
      }
      case 'set_priority':
        current = await tx.touch(current.id, 'priority = $2', [action.priority]);
        await sla.apply(tx.sql, current, []);
        break;
      case 'add_tags':
        current = await tx.touch(current.id, 'tags = $2', [normalizeTags([...current.tags, ...action.tags])]);
        break;
      case 'remove_tags': {
        const drop = new Set(normalizeTags(action.tags));
        current = await tx.touch(current.id, 'tags = $2', [current.tags.filter((t) => !drop.has(t))]);
        break;
      }
      case 'assign': {
        if (action.agentId) {
          const [user] = await tx.sql.query(`SELECT 1 FROM users WHERE id = $1 AND active`, [action.agentId]);
          if (!user) throw invalid(`${where}: agentId: no active user with this id`);
        }
        current = await tx.touch(current.id, 'assignee_id = $2', [action.agentId]);
        break;
      }
      case 'add_note': {
        current = await tx.touch(current.id);
        const note = await tx.appendMessage(current, {
          kind: 'note',
          text: action.body,
          authorId: viewer.userId,
        });
        await recordNoteMentions(tx, current, viewer, note);
        break;
      }
      case 'reply': {
        if (current.status === 'closed') throw conflict(`${where}: the ticket is closed`);
        const text = renderTemplate(action.body, templateValues(current, viewer));
        const before = current.status;
        const next = statusAfter(before, 'agent_reply') ?? before;
        current = await tx.transition(current, next, 'agent_reply', {
          sets: 'first_response_at = COALESCE(first_response_at, now())',
        });
        await sla.apply(tx.sql, current, [...statusChange(before, current.status), { type: 'agent_reply' }]);
        await tx.appendMessage(current, { kind: 'message', text, authorId: viewer.userId, outbound: true });
        break;
      }
    }
  }
  const view = toTicketView(current);
  const changes = changed(toTicketView(ticket), view);
  if (current.seq === ticket.seq) return view;
  await tx.appendEvent(current, 'updated', changes, viewer.userId);
  if (ticket.assignee_id !== current.assignee_id)
    // Those who could see the ticket before learn it left them (ids only).
    await tx.emit(
      current.id,
      'ticket.updated',
      {
        ticketId: current.id,
        seq: Number(current.seq),
        changes: { assigneeId: view.assigneeId, teamId: view.teamId },
      },
      scopeOf(ticket),
    );
  await tx.ticketUpdated(current, changes);
  return view;
}
