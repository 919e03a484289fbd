import type { SpecVersion } from '../types.js';

/** A value or a promise of it: API implementations may answer synchronously. */
export type MaybePromise<T> = T | Promise<T>;

/** Per-call facts the server passes to the API implementation. */
export interface CallContext {
  /** The spec version of the endpoint that received the call (results must follow its schemas). */
  specVersion: SpecVersion;
  /** The transport the call came from. */
  transport: 'http' | 'ws';
}
