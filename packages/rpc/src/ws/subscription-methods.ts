import { RpcError } from '../errors/rpc-error.js';
import type { MethodEntry, RequestContext } from '../jsonrpc/method-entry.js';
import { API_FILES, buildMethodTable } from '../spec/method-table.js';
import type { SpecBundle } from '../spec/spec-bundle.js';
import type { SpecValidator } from '../spec/spec-validator.js';
import type { SubscriptionSink, SubscriptionSource } from './subscription-source.js';
import { WsSession } from './ws-session.js';

// subscribe method → [source method, notification method] (names per the 0.10.3 ws spec).
const ROUTES: Record<string, [keyof SubscriptionSource, string]> = {
  starknet_subscribeNewHeads: ['newHeads', 'starknet_subscriptionNewHeads'],
  starknet_subscribeEvents: ['events', 'starknet_subscriptionEvents'],
  starknet_subscribeTransactionStatus: ['transactionStatus', 'starknet_subscriptionTransactionStatus'],
  starknet_subscribeNewTransactionReceipts: [
    'newTransactionReceipts',
    'starknet_subscriptionNewTransactionReceipts',
  ],
  starknet_subscribeNewTransactions: ['newTransactions', 'starknet_subscriptionNewTransaction'],
};

function sessionOf(ctx: RequestContext): WsSession {
  if (!(ctx.session instanceof WsSession)) throw new RpcError('METHOD_NOT_FOUND', 'subscriptions need /ws');
  return ctx.session;
}

/** Wraps a sink so that every notification result is checked against its spec schema (debug/test). */
function checkedSink(
  bundle: SpecBundle,
  results: SpecValidator,
  notification: string,
  sink: SubscriptionSink<unknown>,
): SubscriptionSink<unknown> {
  const file = API_FILES.ws;
  const pointer = (method: string) => {
    const i = bundle.documents[file]?.methods.findIndex((m) => m.name === method) ?? -1;
    const j = bundle.documents[file]?.methods[i]?.params.findIndex((p) => p.name === 'result') ?? -1;
    return `/methods/${i}/params/${j}/schema`;
  };
  const check = (method: string, value: unknown) => {
    const reason = results.check(file, pointer(method), value, 'result');
    if (reason) throw new RpcError('RESULT_SCHEMA_MISMATCH', `${method}: ${reason}`);
  };
  return {
    next: (r) => {
      check(notification, r);
      sink.next(r);
    },
    reorg: (d) => {
      check('starknet_subscriptionReorg', d);
      sink.reorg(d);
    },
    end: () => sink.end(),
  };
}

/**
 * The ws-only methods: the five subscribe calls (when a source is given) and starknet_unsubscribe.
 * With `results`, every notification is validated and an invalid one throws back into the source.
 */
export function subscriptionMethods(
  bundle: SpecBundle,
  validator: SpecValidator,
  source: SubscriptionSource | undefined,
  results?: SpecValidator,
): MethodEntry[] {
  const entries: MethodEntry[] = [];
  for (const spec of buildMethodTable(bundle).values()) {
    if (spec.file !== API_FILES.ws) continue;
    const route = ROUTES[spec.name];
    if (!route && spec.name !== 'starknet_unsubscribe') continue; // notifications, not callable
    if (route && !source) continue;
    const params = spec.params.map((p) => ({
      name: p.name,
      required: p.required,
      validate: (v: unknown) => validator.check(spec.file, p.pointer, v, `param '${p.name}'`),
    }));
    if (!route) {
      entries.push({
        name: spec.name,
        params,
        wsOnly: true,
        handler: (p, ctx) => sessionOf(ctx).unsubscribe(p.subscription_id),
      });
      continue;
    }
    const [kind, notification] = route;
    entries.push({
      name: spec.name,
      params,
      wsOnly: true,
      handler: (p, ctx) =>
        sessionOf(ctx).subscribe<unknown>(notification, (sink) => {
          const out = results ? checkedSink(bundle, results, notification, sink) : sink;
          // The route table pairs each kind with its own sink type.
          return (source as SubscriptionSource)[kind](p as never, out as never, ctx);
        }),
    });
  }
  return entries;
}
