export type { FieldBackend } from './backend.js';
export * from './encoding.js';
export { FeltError, type FeltErrorCode, StarlingError } from './errors.js';
export * from './fast/index.js';
export * from './field.js';
export { referenceField } from './reference-field.js';
export { startModuleWorker, workerExecArgv } from './worker-threads.js';
