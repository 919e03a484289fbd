// Starts an RpcServer on a loopback ephemeral port with the vector API, result validation on.
import type { CallContext, RequestLogEntry, RpcServerOptions } from '../../src/index.ts';
import { createRpcServer, type RpcServer } from '../../src/index.ts';
import { vectorApi } from './vector-api.ts';

/** A running test server. */
export interface TestServer {
  server: RpcServer;
  url: string;
  calls: { method: string; ctx: CallContext }[];
  log: RequestLogEntry[];
  close(): Promise<void>;
}

/** Starts a server; options override the defaults (vector API, validateResults). */
export async function startTestServer(options: Partial<RpcServerOptions> = {}): Promise<TestServer> {
  const calls: { method: string; ctx: CallContext }[] = [];
  const log: RequestLogEntry[] = [];
  const server = createRpcServer({
    api: vectorApi(calls),
    validateResults: true,
    onRequest: (e) => log.push(e),
    ...options,
  });
  const addr = await server.listen(0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${addr.port}`, calls, log, close: () => server.close() };
}

/** POSTs a raw body; returns status and parsed JSON (undefined for an empty body). */
export async function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** Calls one method and returns the response object. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
export async function call(url: string, method: string, params?: unknown, id: unknown = 1): Promise<any> {
  const { json } = await post(url, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  return json;
}
