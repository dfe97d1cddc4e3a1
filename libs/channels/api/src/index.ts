export * from './api-channel.module.js';
export * from './api-channel.adapter.js';
export * from './callback-signature.js';
export * from './api-key.js';
