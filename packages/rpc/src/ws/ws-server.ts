import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { JsonRpcDispatcher } from '../jsonrpc/dispatcher.js';
import type { RpcMetrics } from '../metrics.js';
import type { RpcLimits } from '../options.js';
import { WsSession } from './ws-session.js';

/** Paths that accept a WebSocket upgrade. */
export const WS_PATHS = new Set(['/ws', '/ws/rpc/v0_10']);

// Messages queued per connection before it is considered abusive.
const MAX_QUEUED_MESSAGES = 1024;

/** Serves JSON-RPC (calls and subscriptions) over WebSocket on the upgrade requests of `http`. */
export function attachWebSocket(
  http: Server,
  dispatcher: JsonRpcDispatcher,
  limits: RpcLimits,
  metrics: RpcMetrics,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!WS_PATHS.has(path)) return reject(socket, 404, 'Not Found');
    if (wss.clients.size >= limits.maxWsConnections) return reject(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, path));
  });

  // Dead peers (no pong for a whole period) are dropped so their subscriptions end.
  const alive = new WeakMap<WebSocket, boolean>();
  if (limits.wsPingIntervalMs > 0) {
    const timer = setInterval(() => {
      for (const ws of wss.clients) {
        if (alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
    }, limits.wsPingIntervalMs);
    timer.unref();
    wss.on('close', () => clearInterval(timer));
  }

  function serve(ws: WebSocket, path: string) {
    metrics.wsConnections(1);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const send = (text: string) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limits.maxWsBufferedBytes) return ws.close(1008, 'slow consumer');
      ws.send(text);
    };
    const session = new WsSession(send, limits.maxSubscriptionsPerConnection, metrics);
    const ctx = { specVersion: '0.10.3' as const, transport: 'ws' as const, path, session };
    let queue: Promise<void> = Promise.resolve();
    let queued = 0;
    ws.on('message', (data) => {
      if (++queued > MAX_QUEUED_MESSAGES) return ws.close(1008, 'too many pending requests');
      const text = (data as Buffer).toString('utf8');
      // One message at a time per connection, so a subscribe is answered before its notifications.
      queue = queue
        .then(async () => {
          try {
            const answer = await dispatcher.handleText(text, ctx);
            if (answer !== undefined) send(answer);
            session.flush();
          } finally {
            queued--;
          }
        })
        .catch(() => ws.close(1011, 'internal error'));
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      session.close();
      metrics.wsConnections(-1);
    });
  }
  return wss;
}

function reject(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
