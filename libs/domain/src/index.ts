export * from './ticket-status.js';
export * from './delivery-state.js';
export * from './visibility.js';
export * from './backoff.js';
export * from './sla/index.js';
export * from './vocabulary.js';
export * from './errors.js';
export * from './routing.js';
