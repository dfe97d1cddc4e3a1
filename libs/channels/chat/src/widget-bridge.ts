/**
 * The small surface the agents' gateway calls so the widget hears about agent activity without
 * the core knowing about the widget: ticket events (status changes), agent typing, and an agent
 * opening the ticket (read receipt). Optional: without the chat module nothing calls it. The
 * agents' gateway hands over `AgentSignals` in return, so what the visitor does reaches agents
 * through the one place that decides who may hear about a ticket.
 */
export interface WidgetBridge {
  ticketEvent(name: string, payload: unknown): void;
  agentTyping(ticketId: string, agentName: string, active: boolean): void;
  agentViewing(ticketId: string): void;
  attachAgents(agents: AgentSignals): void;
}

/** The visitor's side of a conversation, for the agents who have the ticket open and may see it. */
export interface AgentSignals {
  ticketSignal(
    ticketId: string,
    name: 'typing' | 'visitor.read' | 'survey.received',
    payload: Record<string, unknown>,
  ): Promise<void>;
  /** Whether any agent is connected, on any node of the deployment. */
  agentsOnline(): Promise<boolean>;
}
export const WIDGET_BRIDGE = Symbol('WIDGET_BRIDGE');

export interface WebChatOptions {
  /** Where uploaded files live (the app's DATA_DIR). */
  dataDir: string;
}
export const WEB_CHAT_OPTIONS = Symbol('WEB_CHAT_OPTIONS');

export const widgetRooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  conversation: (ticketId: string) => `conversation:${ticketId}`,
} as const;

const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,253}\.[a-z]{2,}$/i;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}
