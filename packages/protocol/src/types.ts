export type * from './types/blocks.js';
export type * from './types/classes.js';
export type * from './types/receipts.js';
export type * from './types/state-diff.js';
export type * from './types/transactions.js';
