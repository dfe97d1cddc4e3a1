/**
 * The shared vocabulary alone, as the `@switchboard/domain/vocabulary` entry: contracts and the
 * browser clients load it without the SLA calendar code (holiday tables, time zones) that the
 * package's main entry brings along.
 */
export { TICKET_STATUSES, type TicketStatus } from './ticket-status.js';
export { canAdvanceDelivery, DELIVERY_STATES, type DeliveryState } from './delivery-state.js';
export { ROLES, type Role } from './visibility.js';
export * from './vocabulary.js';
export * from './routing.js';
