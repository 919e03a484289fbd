import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { devnetMethods } from '../devnet/devnet-methods.js';
import { RpcError } from '../errors/rpc-error.js';
import { JSON_RPC_ERRORS } from '../errors/to-json-rpc-error.js';
import { JsonRpcDispatcher } from '../jsonrpc/dispatcher.js';
import type { MethodEntry } from '../jsonrpc/method-entry.js';
import { starknetMethods } from '../methods/starknet-methods.js';
import { guardMetrics, noopMetrics, type RpcMetrics } from '../metrics.js';
import { DEFAULT_LIMITS, type RpcLimits, type RpcServerOptions } from '../options.js';
import { loadSpecBundle } from '../spec/spec-bundle.js';
import { SpecValidator } from '../spec/spec-validator.js';
import type { SpecVersion } from '../types.js';
import { subscriptionMethods } from '../ws/subscription-methods.js';
import { attachWebSocket } from '../ws/ws-server.js';
import { readBody } from './read-body.js';

/** HTTP paths of the JSON-RPC endpoints and the spec version each serves. */
export const RPC_PATHS: Readonly<Record<string, SpecVersion>> = {
  '/': '0.10.3',
  '/rpc': '0.10.3',
  '/rpc/v0_10': '0.10.3',
  '/rpc/v0_9': '0.9.0',
};

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The JSON-RPC server: HTTP endpoints per spec version, health routes, and WebSocket on /ws. */
export class RpcServer {
  readonly http: Server;
  readonly limits: RpcLimits;
  private readonly dispatchers = new Map<SpecVersion, JsonRpcDispatcher>();
  private readonly metrics: RpcMetrics;
  private readonly wss: WebSocketServer;

  constructor(private readonly options: RpcServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.metrics = guardMetrics(options.metrics ?? noopMetrics);
    const common = {
      maxBatchSize: this.limits.maxBatchSize,
      validateResults: options.validateResults ?? false,
      errorCodeMap: options.errorCodeMap ?? {},
      metrics: this.metrics,
      onRequest: options.onRequest,
    };
    for (const version of ['0.10.3', '0.9.0'] as const) {
      const bundle = loadSpecBundle(version);
      const params = new SpecValidator(bundle, { lenientHex: true });
      const results = new SpecValidator(bundle);
      const entries: MethodEntry[] = [
        ...starknetMethods(bundle, { params, results }, options.api),
        ...(options.devnet ? devnetMethods(options.devnet) : []),
        ...subscriptionMethods(
          bundle,
          params,
          options.subscriptions,
          options.validateResults ? results : undefined,
        ),
      ];
      this.dispatchers.set(version, new JsonRpcDispatcher(new Map(entries.map((e) => [e.name, e])), common));
    }
    const timeouts = { keepAliveTimeout: 65_000, requestTimeout: this.limits.requestTimeoutMs };
    this.http = createServer(timeouts, (req, res) => {
      this.route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, JSON_HEADERS);
        res.end();
      });
    });
    this.http.maxConnections = this.limits.maxHttpConnections;
    this.wss = attachWebSocket(this.http, this.dispatcher('0.10.3'), this.limits, this.metrics);
  }

  /** The dispatcher of one spec version (in-process calls, tests). */
  dispatcher(version: SpecVersion): JsonRpcDispatcher {
    const d = this.dispatchers.get(version);
    if (!d) throw new RpcError('SPEC_NOT_FOUND', `no dispatcher for ${version}`);
    return d;
  }

  /** Starts listening (default 127.0.0.1:5050, the devnet port); resolves to the bound address. */
  listen(port = 5050, host = '127.0.0.1'): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting connections, closes WebSocket clients and idle keep-alive sockets. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const version = RPC_PATHS[path];
    let status: number;
    const origin = this.options.corsOrigin;
    if (origin) res.setHeader('access-control-allow-origin', origin);
    if (origin && req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-max-age', '86400');
      status = send(res, 204, {}, '');
    } else if (version && req.method === 'POST') status = await this.serveRpc(req, res, path, version);
    else if (req.method === 'GET' || req.method === 'HEAD') status = await this.serveGet(path, res);
    else status = send(res, version ? 405 : 404, JSON_HEADERS, JSON.stringify({ error: 'not found' }));
    this.metrics.httpRequest(version ? path : path.slice(0, 32), status);
  }

  private async serveRpc(req: IncomingMessage, res: ServerResponse, path: string, version: SpecVersion) {
    const dispatcher = this.dispatcher(version);
    const ctx = { specVersion: version, transport: 'http' as const, path };
    const declared = Number(req.headers['content-length'] ?? 0);
    const body =
      declared > this.limits.maxBodyBytes
        ? { ok: false as const, bytes: declared }
        : await readBody(req, this.limits.maxBodyBytes);
    if (!body.ok) {
      req.resume();
      const reason = `request of ${body.bytes} bytes exceeds the limit of ${this.limits.maxBodyBytes}`;
      const error = { ...JSON_RPC_ERRORS.INVALID_REQUEST, data: { reason } };
      const text = JSON.stringify(dispatcher.errorResponse(null, error, ctx));
      return send(res, 413, { ...JSON_HEADERS, connection: 'close' }, text);
    }
    const answer = await dispatcher.handleText(body.text, ctx);
    if (answer === undefined) return send(res, 204, {}, '');
    return send(res, 200, JSON_HEADERS, answer);
  }

  private async serveGet(path: string, res: ServerResponse): Promise<number> {
    switch (path) {
      case '/is_alive':
        return send(res, 200, { 'content-type': 'text/plain' }, 'Alive!!!');
      case '/health':
        return send(res, 200, JSON_HEADERS, '{"status":"ok"}');
      case '/ready': {
        const ready = (await this.options.isReady?.()) ?? true;
        return send(res, ready ? 200 : 503, JSON_HEADERS, JSON.stringify({ ready }));
      }
      case '/metrics':
        if (this.options.metricsText) {
          const text = await this.options.metricsText();
          return send(res, 200, { 'content-type': 'text/plain; version=0.0.4' }, text);
        }
    }
    return send(res, 404, JSON_HEADERS, JSON.stringify({ error: 'not found' }));
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): number {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body).toString() });
  res.end(body);
  return status;
}

/** Creates the server (call `listen` to start it). */
export function createRpcServer(options: RpcServerOptions): RpcServer {
  return new RpcServer(options);
}
