import type { AgentServerEvents } from '@switchboard/contracts';
import type { NewNotification } from './notifications.service.js';

/** What a notification's text names about its ticket. */
export interface TicketFacts {
  id: string;
  number: number;
  subject: string;
}

/** A timeline event written with a `ticket.updated`, with who caused it. */
export interface TimelineFacts {
  ticket_id: string;
  type: string;
  data: Record<string, unknown>;
  actor_id: string | null;
  actor_name: string | null;
  to_team_name: string | null;
  team_member_ids: string[];
}

const METRIC_NAMES: Record<string, string> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

function ticketName(t: TicketFacts): string {
  return t.subject ? `#${t.number} ${t.subject}` : `#${t.number}`;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The notifications a change of the ticket's owner (or a hold's end) gives, with their text. */
export function describeChange(row: TimelineFacts, ticket: TicketFacts): NewNotification[] {
  const by = row.actor_name ?? 'Someone';
  const name = ticketName(ticket);
  const base = { ticketId: ticket.id, actorId: row.actor_id };
  switch (row.type) {
    case 'updated': {
      const assigneeId = str(row.data.assigneeId);
      if (!assigneeId) return [];
      return [
        { ...base, kind: 'assignment', text: `${by} assigned ${name} to you`, recipientIds: [assigneeId] },
      ];
    }
    case 'auto_assigned': {
      const agentId = str(row.data.agentId);
      if (!agentId) return [];
      return [{ ...base, kind: 'assignment', text: `${name} was assigned to you`, recipientIds: [agentId] }];
    }
    case 'transferred': {
      const toAgentId = str(row.data.toAgentId);
      if (toAgentId)
        return [
          { ...base, kind: 'transfer', text: `${by} transferred ${name} to you`, recipientIds: [toAgentId] },
        ];
      // Moved to a team without a person: the team's members learn it is theirs now.
      if (!str(row.data.toTeamId) || row.data.toTeamId === row.data.fromTeamId) return [];
      return [
        {
          ...base,
          kind: 'transfer',
          text: `${by} transferred ${name} to your team ${row.to_team_name ?? ''}`.trim(),
          recipientIds: row.team_member_ids,
        },
      ];
    }
    case 'hold_expired': {
      const agentId = str(row.data.alertAgentId);
      if (!agentId) return [];
      return [{ ...base, kind: 'hold_expired', text: `The hold on ${name} ended`, recipientIds: [agentId] }];
    }
    default:
      return [];
  }
}

/** An SLA warning, breach or escalation step, in words. */
export function describeSla(
  topic: string,
  payload: AgentServerEvents['sla.warning'] | AgentServerEvents['sla.escalated'],
  ticket: TicketFacts,
): Pick<NewNotification, 'kind' | 'text' | 'ticketId'> {
  const metric = METRIC_NAMES[payload.metric] ?? payload.metric;
  const name = ticketName(ticket);
  if (topic === 'sla.breached')
    return { kind: 'sla_breach', ticketId: ticket.id, text: `${name}: ${metric} target breached` };
  if (topic === 'sla.warning')
    return { kind: 'sla_warning', ticketId: ticket.id, text: `${name}: ${metric} target due soon` };
  const step = payload as AgentServerEvents['sla.escalated'];
  const when = step.on === 'breach' ? 'breached' : 'at risk';
  return {
    kind: 'sla_escalation',
    ticketId: ticket.id,
    text: `${name}: escalated, ${metric} ${when} (step ${step.step + 1})`,
  };
}
