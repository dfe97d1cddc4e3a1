import type { NotificationView } from './notifications.js';
import type { MessageView, TicketView } from './views.js';

/**
 * Socket events of the `/agents` namespace, by name. Every ticket event carries the ticket's
 * sequence number so a client can spot a gap and resync over REST (`GET /api/tickets?since=`).
 */
export interface AgentServerEvents {
  'ticket.created': { ticket: TicketView; seq: number };
  'ticket.updated': { ticketId: string; seq: number; changes: Partial<TicketView> };
  'message.created': { ticketId: string; seq: number; message: MessageView };
  /** Delivery state changes of an outbound message (queued → sent, or failed with the reason). */
  'message.updated': { ticketId: string; seq: number; message: MessageView };
  'sla.warning': { ticketId: string; seq: number; metric: string; dueAt: string };
  'sla.breached': { ticketId: string; seq: number; metric: string; dueAt: string };
  /** An escalation step ran: notify the assignee or supervisors, raise priority, reassign to a team. */
  'sla.escalated': {
    ticketId: string;
    seq: number;
    metric: string;
    step: number;
    action: string;
    on: 'at_risk' | 'breach';
    number: number;
    subject: string;
  };
  presence: { ticketId: string; viewers: { userId: string; name: string }[] };
  typing: { ticketId: string; userId: string; name: string; kind: 'reply' | 'note'; active: boolean };
  /** A colleague @mentioned this agent in an internal note; sent only to the mentioned agent's room. */
  mention: { ticketId: string; messageId: string; byUserId: string; byName: string; excerpt: string };
  /** An agent became online, away or offline; every agent hears it (the header, assignee pickers). */
  'agent.availability': { userId: string; status: 'online' | 'away' | 'offline'; changedAt: string };
  /** A notification for this agent (mention, assignment, SLA, …); sent only to its owner's room. */
  'notification.created': { notification: NotificationView; unread: number };
  /**
   * Messages and events moved between tickets (a merge, its undo, a split): screens showing
   * either ticket reload its timeline and links. Sent to both tickets' audiences.
   */
  'ticket.timeline_moved': {
    ticketId: string;
    seq: number;
    reason: 'merged' | 'merge_undone' | 'split';
    otherTicketId: string;
  };
}

export type AgentEventName = keyof AgentServerEvents;
