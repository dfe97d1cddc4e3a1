export * from './schemas.js';
export * from './views.js';
export * from './events.js';
export * from './templates.js';
export * from './text.js';
export * from './ids.js';
export * from './json-bounds.js';
export * from './routing.js';
