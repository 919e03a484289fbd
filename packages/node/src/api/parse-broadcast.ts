// Broadcasted transactions (RPC JSON) into domain transactions with their execution extras.
import type { AccountTransactionV3, AccountTxOptions } from '@starling/execution';
import {
  calculateClassHash,
  type L1Handler,
  parseMaybeQueryTransaction,
  parseSierraClass,
  type SierraClass,
} from '@starling/protocol';
import { StarknetRpcError } from '@starling/rpc';

export interface ParsedBroadcast {
  tx: AccountTransactionV3;
  query: boolean;
  options: AccountTxOptions;
  /** The class document of a DECLARE, as received. */
  contractClass?: unknown;
  sierra?: SierraClass;
}

/** Parses a BROADCASTED_TXN (a DECLARE carries its class instead of its class hash). */
export function parseBroadcast(value: unknown): ParsedBroadcast {
  const o = value as Record<string, unknown>;
  if (o.type === 'DECLARE') {
    const sierra = parseSierraClass(o.contract_class);
    const classHash = calculateClassHash(sierra);
    const { contract_class, ...rest } = o;
    const p = parseMaybeQueryTransaction({ ...rest, class_hash: `0x${classHash.toString(16)}` });
    return {
      tx: asV3(p.transaction),
      query: p.query,
      options: { contractClass: sierra },
      contractClass: contract_class,
      sierra,
    };
  }
  const p = parseMaybeQueryTransaction(o);
  return { tx: asV3(p.transaction), query: p.query, options: {} };
}

function asV3(tx: unknown): AccountTransactionV3 {
  const t = tx as { type: string; version: number };
  if (t.version !== 3 || t.type === 'L1_HANDLER' || t.type === 'DEPLOY')
    throw new StarknetRpcError('UNSUPPORTED_TX_VERSION');
  return tx as AccountTransactionV3;
}

/** The L1 handler transaction an L1→L2 message becomes. */
export function messageToL1Handler(m: {
  from_address: string;
  to_address: string;
  entry_point_selector: string;
  payload: string[];
}): L1Handler {
  return {
    type: 'L1_HANDLER',
    version: 0,
    nonce: 0n,
    contractAddress: BigInt(m.to_address),
    entryPointSelector: BigInt(m.entry_point_selector),
    calldata: [BigInt(m.from_address), ...m.payload.map((x) => BigInt(x))],
  };
}
