export * from './accounts.js';
export * from './api-keys.js';
export * from './crm.js';
export * from './events.js';
export * from './request-log.js';
export * from './usage.js';
