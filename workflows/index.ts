// The workflows this worker runs (the bundle's entry point).
export { campaign } from './campaign/workflow.js';
