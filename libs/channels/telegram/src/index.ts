export * from './telegram-secret.js';
export * from './telegram-inbound.js';
export * from './telegram-adapter.js';
export * from './telegram-channel.adapter.js';
export * from './telegram-webhook.controller.js';
export * from './telegram-channel.module.js';
