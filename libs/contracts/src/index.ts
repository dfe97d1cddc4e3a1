export * from './schemas.js';
export * from './views.js';
export * from './events.js';
export * from './templates.js';
