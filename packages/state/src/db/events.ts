import { StateError } from '../errors.js';
import { STATE_DEFAULTS } from '../options.js';
import type { EmittedEvent, EventFilter, EventsChunk, StoredBlock } from '../types.js';
import { decodeJson } from './json.js';
import { key, readU32, readU64, u32, u64 } from './keys.js';
import type { Tables } from './tables.js';

interface EventSource {
  readonly tables: Tables;
  latestBlockNumber(): number | undefined;
  getBlock(block: number): StoredBlock;
}

function parseToken(token: string): [number, number, number] {
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(token);
  if (!m) throw new StateError('INVALID_CONTINUATION_TOKEN', 'malformed continuation token', { token });
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function keysMatch(filter: readonly (readonly bigint[])[] | undefined, keys: readonly bigint[]): boolean {
  if (!filter) return true;
  for (let i = 0; i < filter.length; i++) {
    const accepted = filter[i]!;
    if (accepted.length === 0) continue;
    const k = keys[i];
    if (k === undefined || !accepted.includes(k)) return false;
  }
  return true;
}

/** starknet_getEvents over the stored events: block range, optional address (indexed) and keys. */
export function getEvents(db: EventSource, filter: EventFilter): EventsChunk {
  const latest = db.latestBlockNumber();
  if (filter.chunkSize < 1 || filter.chunkSize > STATE_DEFAULTS.maxEventsChunk)
    throw new StateError('INVALID_VALUE', `chunk size must be 1..${STATE_DEFAULTS.maxEventsChunk}`);
  if (latest === undefined) return { events: [] };
  const from = filter.fromBlock ?? 0;
  const to = Math.min(filter.toBlock ?? latest, latest);
  if (filter.fromBlock !== undefined && filter.fromBlock > latest)
    throw new StateError('UNKNOWN_BLOCK', `block ${filter.fromBlock} is unknown`);
  if (to < from) return { events: [] };
  let start = key(u64(from));
  if (filter.continuationToken) {
    const [b, tx, ev] = parseToken(filter.continuationToken);
    start = key(u64(Math.max(b, from)), u32(b < from ? 0 : tx), u32(b < from ? 0 : ev));
  }
  const end = key(u64(to + 1));
  const prefix = filter.address === undefined ? Buffer.alloc(0) : key(filter.address);
  const range =
    filter.address === undefined
      ? db.tables.events.getRange({ start, end })
      : db.tables.eventsByAddress.getRange({ start: key(prefix, start), end: key(prefix, end) });
  const hashes = new Map<number, bigint | undefined>();
  const events: EmittedEvent[] = [];
  for (const entry of range) {
    const pos = filter.address === undefined ? entry.key : entry.key.subarray(32);
    const value = filter.address === undefined ? entry.value : db.tables.events.getBinary(Buffer.from(pos))!;
    const doc = decodeJson<{ tx: string; from: string; keys: string[]; data: string[] }>(value);
    const keys = doc.keys.map((k) => BigInt(k));
    if (!keysMatch(filter.keys, keys)) continue;
    const blockNumber = readU64(pos, 0);
    const transactionIndex = readU32(pos, 8);
    const eventIndex = readU32(pos, 12);
    if (events.length === filter.chunkSize)
      return { events, continuationToken: `${blockNumber}-${transactionIndex}-${eventIndex}` };
    if (!hashes.has(blockNumber)) hashes.set(blockNumber, db.getBlock(blockNumber).blockHash);
    events.push({
      blockNumber,
      blockHash: hashes.get(blockNumber),
      transactionHash: BigInt(doc.tx),
      transactionIndex,
      eventIndex,
      fromAddress: BigInt(doc.from),
      keys,
      data: doc.data.map((d) => BigInt(d)),
    });
  }
  return { events };
}
