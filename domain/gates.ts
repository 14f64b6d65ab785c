/**
 * Preparation gates: the public face of domain/preparation/ (RACI, stages, actions, chasing).
 */
export * from './preparation/gate-state.js';
export * from './preparation/progress.js';
export * from './preparation/actions.js';
export * from './preparation/waiting.js';
export * from './preparation/tasks.js';
export * from './preparation/chasing.js';
export * from './preparation/start.js';
