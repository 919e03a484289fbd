// The metrics registry (prom-client) behind the metrics interfaces of the components.
import type { MempoolMetrics } from '@starling/mempool';
import type { RpcMetrics } from '@starling/rpc';
import type { SequencerMetrics } from '@starling/sequencer';
import type { StateMetrics } from '@starling/state';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric of a node, exposed at /metrics. */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly rpc: RpcMetrics;
  readonly mempool: MempoolMetrics;
  readonly sequencer: SequencerMetrics;
  readonly state: StateMetrics;

  constructor() {
    const r = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'starling_' });
    const calls = new Counter({
      name: 'starling_rpc_calls_total',
      help: 'JSON-RPC calls',
      labelNames: ['method', 'transport', 'outcome'],
      registers: r,
    });
    const callTime = new Histogram({
      name: 'starling_rpc_call_seconds',
      help: 'JSON-RPC call time',
      labelNames: ['method'],
      registers: r,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    });
    const http = new Counter({
      name: 'starling_http_requests_total',
      help: 'HTTP requests',
      labelNames: ['path', 'status'],
      registers: r,
    });
    const ws = new Gauge({
      name: 'starling_ws_connections',
      help: 'open WebSocket connections',
      registers: r,
    });
    const subs = new Gauge({ name: 'starling_ws_subscriptions', help: 'active subscriptions', registers: r });
    this.rpc = {
      callCompleted(method, transport, outcome, seconds) {
        calls.inc({ method, transport, outcome: outcome.ok ? 'ok' : String(outcome.code) });
        callTime.observe({ method }, seconds);
      },
      httpRequest(path, status) {
        http.inc({ path, status: String(status) });
      },
      wsConnections: (d) => ws.inc(d),
      subscriptions: (d) => subs.inc(d),
    };
    const accepted = new Counter({
      name: 'starling_mempool_accepted_total',
      help: 'accepted transactions',
      labelNames: ['type'],
      registers: r,
    });
    const rejected = new Counter({
      name: 'starling_mempool_rejected_total',
      help: 'rejected transactions',
      labelNames: ['code'],
      registers: r,
    });
    const dropped = new Counter({
      name: 'starling_mempool_dropped_total',
      help: 'dropped transactions',
      labelNames: ['reason'],
      registers: r,
    });
    const size = new Gauge({ name: 'starling_mempool_size', help: 'transactions in the pool', registers: r });
    this.mempool = {
      accepted: (type) => accepted.inc({ type }),
      rejected: (code) => rejected.inc({ code }),
      dropped: (reason, n) => dropped.inc({ reason }, n),
      size: (n) => size.set(n),
    };
    const blocks = new Counter({ name: 'starling_blocks_total', help: 'closed blocks', registers: r });
    const blockTxs = new Counter({
      name: 'starling_block_transactions_total',
      help: 'transactions in closed blocks',
      registers: r,
    });
    const closeTime = new Histogram({
      name: 'starling_block_close_seconds',
      help: 'time to close a block',
      registers: r,
    });
    const outcomes = new Counter({
      name: 'starling_transactions_total',
      help: 'sequenced transactions',
      labelNames: ['outcome'],
      registers: r,
    });
    const latency = new Histogram({
      name: 'starling_accepted_latency_seconds',
      help: 'RECEIVED to ACCEPTED_ON_L2',
      registers: r,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    });
    this.sequencer = {
      blockClosed(n, _gas, ms) {
        blocks.inc();
        blockTxs.inc(n);
        closeTime.observe(ms / 1000);
      },
      transaction: (o) => outcomes.inc({ outcome: o }),
      acceptedLatency: (ms) => latency.observe(ms / 1000),
    };
    const commit = new Histogram({
      name: 'starling_state_commit_seconds',
      help: 'state commitment time per block',
      registers: r,
    });
    const hashes = new Counter({
      name: 'starling_state_hashes_total',
      help: 'trie hashes computed',
      registers: r,
    });
    this.state = {
      blockCommitted(ms, hashCount) {
        commit.observe(ms / 1000);
        hashes.inc(hashCount);
      },
    };
  }

  /** Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
