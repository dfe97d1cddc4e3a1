export * from './web-chat.module.js';
export * from './web-chat.adapter.js';
export * from './web-chat-settings.js';
export * from './widget-bridge.js';
export * from './identity-verification.js';
export * from './rate-limiter.js';
