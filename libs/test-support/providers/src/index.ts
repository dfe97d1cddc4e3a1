export * from './http-server.js';
export * from './signing.js';
export * from './fake-twilio.js';
export * from './fake-graph.js';
export * from './fake-telegram.js';
