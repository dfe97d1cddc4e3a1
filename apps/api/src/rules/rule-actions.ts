import { Injectable } from '@nestjs/common';
import type { RuleAction } from '@switchboard/contracts';
import { normalizeTags, renderRuleTemplate, type TicketStatus } from '@switchboard/domain';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SlaClockService, statusChange } from '../sla/sla-clock.service.js';
import { toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import type { TicketTx } from '../tickets/ticket-writer.js';

/** What one action did, for the run log; a webhook is called only after the run committed. */
export interface ActionOutcome {
  type: RuleAction['type'];
  result: string;
  webhook?: { url: string };
}

/**
 * A rule's actions, applied through the ticket writer's transaction like an agent's change
 * (timeline event, `ticket.updated`, SLA clocks), never by writing tickets another way.
 */
@Injectable()
export class RuleActions {
  constructor(
    private readonly sla: SlaClockService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Who a `notify` action reaches: the named agent, the ticket's assignee, or its team's active members. */
  private async notifyTargets(
    tx: TicketTx,
    ticket: TicketRow,
    action: Extract<RuleAction, { type: 'notify' }>,
  ): Promise<string[]> {
    if (action.target === 'agent') return action.agentId ? [action.agentId] : [];
    if (action.target === 'assignee') return ticket.assignee_id ? [ticket.assignee_id] : [];
    if (!ticket.team_id) return [];
    const rows = await tx.sql.query<{ id: string }>(
      `SELECT u.id FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND u.active`,
      [ticket.team_id],
    );
    return rows.map((r) => r.id);
  }

  /** Applies `actions` in order to the locked ticket; throws when one cannot (the rule then fails as a whole). */
  async apply(
    tx: TicketTx,
    ticket: TicketRow,
    actions: RuleAction[],
    rule: { id: string; name: string },
  ): Promise<ActionOutcome[]> {
    const outcomes: ActionOutcome[] = [];
    let current = ticket;
    for (const action of actions) {
      const step = await this.applyOne(tx, current, action, rule);
      current = step.ticket;
      outcomes.push(step.outcome);
    }
    return outcomes;
  }

  private async applyOne(
    tx: TicketTx,
    ticket: TicketRow,
    action: RuleAction,
    rule: { id: string; name: string },
  ): Promise<{ ticket: TicketRow; outcome: ActionOutcome }> {
    const done = (t: TicketRow, result: string, extra: Partial<ActionOutcome> = {}) => ({
      ticket: t,
      outcome: { type: action.type, result, ...extra },
    });
    switch (action.type) {
      case 'set_status':
      case 'solve': {
        const to: TicketStatus = action.type === 'solve' ? 'solved' : action.status;
        if (ticket.status === to) return done(ticket, `already ${to}`);
        const trigger = ticket.status === 'solved' && to === 'closed' ? 'system' : 'agent';
        const updated = await tx.transition(ticket, to, trigger);
        return done(await this.changed(tx, ticket, updated, rule), `status ${to}`);
      }
      case 'set_priority':
        return this.setColumn(tx, ticket, rule, 'priority', action.priority, ticket.priority);
      case 'set_team':
        return this.setColumn(tx, ticket, rule, 'team_id', action.teamId, ticket.team_id);
      case 'assign': {
        if (!action.agentId)
          return done(ticket, `left to the team's ${action.strategy} auto-assignment (set on the team)`);
        return this.setColumn(tx, ticket, rule, 'assignee_id', action.agentId, ticket.assignee_id);
      }
      case 'add_tags':
      case 'remove_tags': {
        const wanted = normalizeTags(action.tags);
        const tags =
          action.type === 'add_tags'
            ? normalizeTags([...ticket.tags, ...wanted])
            : ticket.tags.filter((t) => !wanted.includes(t));
        if (tags.length === ticket.tags.length && tags.every((t) => ticket.tags.includes(t)))
          return done(ticket, 'tags unchanged');
        const updated = await tx.touch(ticket.id, 'tags = $2', [tags]);
        return done(await this.changed(tx, ticket, updated, rule), `tags ${tags.join(', ')}`);
      }
      case 'add_note': {
        const updated = await tx.touch(ticket.id);
        await tx.appendMessage(updated, { kind: 'note', text: action.body, authorId: null });
        return done(updated, 'note added');
      }
      case 'reply': {
        if (ticket.status === 'closed') throw new Error('the ticket is closed; a reply cannot be sent');
        const text = renderRuleTemplate(action.template, templateVars(ticket));
        const updated = await tx.touch(ticket.id);
        // Queued like an agent's reply: the dispatcher sends it on the ticket's channel.
        await tx.appendMessage(updated, {
          kind: 'message',
          text,
          authorId: null,
          outbound: true,
          meta: { ruleId: rule.id },
        });
        return done(updated, 'reply queued');
      }
      case 'notify': {
        const recipientIds = await this.notifyTargets(tx, ticket, action);
        const text = renderRuleTemplate(action.message, templateVars(ticket));
        const sent = await this.notifications.notify(tx, {
          kind: 'rule',
          ticketId: ticket.id,
          text,
          recipientIds,
          actorId: null,
        });
        return done(ticket, sent.length ? `notified ${sent.length}` : 'nobody to notify');
      }
      case 'webhook':
        return done(ticket, 'webhook queued', { webhook: { url: action.url } });
    }
  }

  private async setColumn(
    tx: TicketTx,
    ticket: TicketRow,
    rule: { id: string; name: string },
    column: 'priority' | 'team_id' | 'assignee_id',
    value: string,
    current: string | null,
  ): Promise<{ ticket: TicketRow; outcome: ActionOutcome }> {
    const type = column === 'priority' ? 'set_priority' : column === 'team_id' ? 'set_team' : 'assign';
    if (current === value) return { ticket, outcome: { type, result: 'unchanged' } };
    const updated = await tx.touch(ticket.id, `${column} = $2`, [value]);
    return {
      ticket: await this.changed(tx, ticket, updated, rule),
      outcome: { type, result: `${column} ${value}` },
    };
  }

  /** The timeline line naming the rule, SLA clocks after a status/priority/team change, and the event. */
  private async changed(
    tx: TicketTx,
    before: TicketRow,
    after: TicketRow,
    rule: { id: string; name: string },
  ): Promise<TicketRow> {
    await this.sla.apply(tx.sql, after, statusChange(before.status, after.status));
    const a = toTicketView(after);
    const b = toTicketView(before);
    const changes = Object.fromEntries(
      (['status', 'priority', 'assigneeId', 'teamId', 'tags'] as const)
        .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
        .map((k) => [k, a[k]]),
    );
    await tx.appendEvent(after, 'updated', { ...changes, ruleId: rule.id, ruleName: rule.name });
    await tx.ticketUpdated(after, changes);
    return after;
  }
}

/** The variables a reply template may use, e.g. `{{contact.first_name}}`, `{{ticket.number}}`. */
function templateVars(ticket: TicketRow): Record<string, string | number | null> {
  const name = ticket.contact_name ?? '';
  return {
    'ticket.number': Number(ticket.number),
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'contact.name': name,
    'contact.first_name': name.split(/\s+/)[0] ?? '',
  };
}
