import { RpcError } from '../errors/rpc-error.js';
import { type ErrorCodeMap, JSON_RPC_ERRORS, toJsonRpcError } from '../errors/to-json-rpc-error.js';
import type { RpcMetrics } from '../metrics.js';
import type { RequestLogEntry } from '../options.js';
import type { JsonRpcErrorObject, JsonRpcId, JsonRpcResponse } from '../types.js';
import { decodeParams, truncate } from './decode-params.js';
import type { MethodEntry, RequestContext } from './method-entry.js';

/** Dispatcher settings. */
export interface DispatcherOptions {
  maxBatchSize: number;
  validateResults: boolean;
  errorCodeMap: ErrorCodeMap;
  metrics: RpcMetrics;
  onRequest: ((entry: RequestLogEntry) => void) | undefined;
}

/** Any JSON-RPC answer: one response, a batch of them, or nothing (notifications only). */
export type DispatchResult = JsonRpcResponse | JsonRpcResponse[] | undefined;

/** JSON-RPC 2.0 semantics over a method table: envelope checks, batches, notifications, error mapping. */
export class JsonRpcDispatcher {
  constructor(
    readonly methods: ReadonlyMap<string, MethodEntry>,
    private readonly options: DispatcherOptions,
  ) {}

  /** Parses a request body and answers it; the text is JSON, or undefined when nothing is to be sent. */
  async handleText(text: string, ctx: RequestContext): Promise<string | undefined> {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (e) {
      const reason = e instanceof Error ? e.message : 'invalid JSON';
      return JSON.stringify(
        this.errorResponse(null, { ...JSON_RPC_ERRORS.PARSE_ERROR, data: { reason } }, ctx),
      );
    }
    const answer = await this.handle(payload, ctx);
    if (answer === undefined) return undefined;
    if (!Array.isArray(answer)) return serialize(answer);
    return `[${answer.map(serialize).join(',')}]`;
  }

  /** Answers a parsed payload (a request object or a batch). */
  async handle(payload: unknown, ctx: RequestContext): Promise<DispatchResult> {
    if (!Array.isArray(payload)) return this.handleOne(payload, ctx);
    if (payload.length === 0) return this.invalid('empty batch', ctx);
    if (payload.length > this.options.maxBatchSize) {
      return this.invalid(
        `batch of ${payload.length} exceeds the limit of ${this.options.maxBatchSize}`,
        ctx,
      );
    }
    const answers = await Promise.all(payload.map((p) => this.handleOne(p, ctx)));
    const out = answers.filter((a): a is JsonRpcResponse => a !== undefined);
    return out.length > 0 ? out : undefined;
  }

  private async handleOne(req: unknown, ctx: RequestContext): Promise<JsonRpcResponse | undefined> {
    if (req === null || typeof req !== 'object' || Array.isArray(req)) {
      return this.invalid('request must be an object', ctx);
    }
    const r = req as Record<string, unknown>;
    const hasId = Object.hasOwn(r, 'id');
    const id = r.id;
    if (hasId && !isValidId(id)) return this.invalid('id must be a string, a number or null', ctx);
    const rid = (hasId ? id : null) as JsonRpcId;
    if (r.jsonrpc !== '2.0') return this.invalid('jsonrpc must be exactly "2.0"', ctx, rid);
    if (typeof r.method !== 'string') return this.invalid('method must be a string', ctx, rid);
    if (r.params !== undefined && (r.params === null || typeof r.params !== 'object')) {
      return this.invalid('params must be an array or an object', ctx, rid);
    }
    const start = performance.now();
    const method = r.method;
    const entry = this.methods.get(method);
    let response: JsonRpcResponse;
    try {
      if (!entry || (entry.wsOnly && ctx.transport !== 'ws')) {
        const where = entry ? ' (only over WebSocket)' : '';
        throw new RpcError('METHOD_NOT_FOUND', `method '${truncate(method)}' not found${where}`);
      }
      const params = decodeParams(entry, r.params);
      let result = await entry.handler(params, ctx);
      if (result === undefined) result = null;
      if (this.options.validateResults && entry.validateResult) {
        const reason = entry.validateResult(result);
        if (reason) throw new RpcError('RESULT_SCHEMA_MISMATCH', `result of ${method}: ${reason}`);
      }
      response = { jsonrpc: '2.0', id: rid, result };
    } catch (err) {
      response = { jsonrpc: '2.0', id: rid, error: toJsonRpcError(err, this.options.errorCodeMap) };
    }
    this.record(entry ? method : undefined, ctx, start, 'error' in response ? response.error : undefined);
    return hasId ? response : undefined;
  }

  private invalid(reason: string, ctx: RequestContext, id: JsonRpcId = null): JsonRpcResponse {
    return this.errorResponse(id, { ...JSON_RPC_ERRORS.INVALID_REQUEST, data: { reason } }, ctx);
  }

  /** Builds an error response for a request rejected before dispatch, and records it. */
  errorResponse(id: JsonRpcId, error: JsonRpcErrorObject, ctx: RequestContext): JsonRpcResponse {
    this.record(undefined, ctx, performance.now(), error);
    return { jsonrpc: '2.0', id, error };
  }

  private record(method: string | undefined, ctx: RequestContext, start: number, error?: JsonRpcErrorObject) {
    const seconds = (performance.now() - start) / 1000;
    const outcome = error ? { ok: false as const, code: error.code } : { ok: true as const };
    // Observers must never turn an answered call into a failure.
    try {
      this.options.metrics.callCompleted(method ?? '<invalid>', ctx.transport, outcome, seconds);
      this.options.onRequest?.({
        transport: ctx.transport,
        path: ctx.path,
        method,
        durationMs: seconds * 1000,
        error,
      });
    } catch {}
  }
}

// A result JSON cannot encode (a bigint, a cycle) becomes an internal error for that one response.
function serialize(r: JsonRpcResponse): string {
  try {
    return JSON.stringify(r);
  } catch {
    return JSON.stringify({ jsonrpc: '2.0', id: r.id, error: { ...JSON_RPC_ERRORS.INTERNAL_ERROR } });
  }
}

function isValidId(id: unknown): boolean {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}
