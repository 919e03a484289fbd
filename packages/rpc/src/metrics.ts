/** How a call ended: a result, or an error with its JSON-RPC code. */
export type CallOutcome = { ok: true } | { ok: false; code: number };

/** Metrics the RPC layer reports; the node implements it with its Prometheus registry. */
export interface RpcMetrics {
  /** One JSON-RPC call finished (a batch reports each element). */
  callCompleted(method: string, transport: 'http' | 'ws', outcome: CallOutcome, seconds: number): void;
  /** One HTTP request finished with a status code. */
  httpRequest(path: string, status: number): void;
  /** Open WebSocket connections went up or down. */
  wsConnections(delta: number): void;
  /** Active subscriptions went up or down. */
  subscriptions(delta: number): void;
}

/** Metrics that record nothing (the default). */
export const noopMetrics: RpcMetrics = {
  callCompleted() {},
  httpRequest() {},
  wsConnections() {},
  subscriptions() {},
};

/** Wraps metrics so that a failing implementation can never break a request or a connection. */
export function guardMetrics(m: RpcMetrics): RpcMetrics {
  const guard =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A) => {
      try {
        fn.apply(m, a);
      } catch {}
    };
  return {
    callCompleted: guard(m.callCompleted),
    httpRequest: guard(m.httpRequest),
    wsConnections: guard(m.wsConnections),
    subscriptions: guard(m.subscriptions),
  };
}
