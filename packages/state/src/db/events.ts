import { P } from '@starling/felt';
import { StateError } from '../errors.js';
import { STATE_DEFAULTS } from '../options.js';
import type { EmittedEvent, EventFilter, EventsChunk, StoredBlock } from '../types.js';
import { decodeJson } from './json.js';
import { key, readU32, readU64, u32, u64 } from './keys.js';
import type { Tables } from './tables.js';
import { EVENT_KEY_INDEX_DEPTH } from './write-block.js';

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

/** The candidate positions (block ‖ tx ‖ event, 16 bytes) of a filter, ascending, from the best index. */
function candidates(db: EventSource, filter: EventFilter, start: Buffer, end: Buffer): Iterable<Buffer> {
  const t = db.tables;
  // The indexed key position with the fewest accepted values narrows the most (in general).
  let best = -1;
  filter.keys?.forEach((accepted, p) => {
    if (p >= EVENT_KEY_INDEX_DEPTH || accepted.length === 0) return;
    if (best < 0 || accepted.length < filter.keys![best]!.length) best = p;
  });
  if (best >= 0) {
    const values = [...new Set(filter.keys![best]!)];
    const ranges = values.map((v) => {
      const prefix = filter.address === undefined ? key(u32(best), v) : key(filter.address, u32(best), v);
      const table = filter.address === undefined ? t.eventsByKey : t.eventsByAddressKey;
      return mapKeys(table.getRange({ start: key(prefix, start), end: key(prefix, end) }), prefix.length);
    });
    return mergeSorted(ranges);
  }
  if (filter.address !== undefined) {
    const prefix = key(filter.address);
    return mapKeys(t.eventsByAddress.getRange({ start: key(prefix, start), end: key(prefix, end) }), 32);
  }
  return mapKeys(t.events.getRange({ start, end }), 0);
}

function* mapKeys(range: Iterable<{ key: Buffer }>, skip: number): Generator<Buffer> {
  for (const { key: k } of range) yield Buffer.from(k.subarray(skip));
}

/** Merges ascending position streams into one ascending stream (k-way, small k). */
function* mergeSorted(streams: Iterable<Buffer>[]): Generator<Buffer> {
  const its = streams.map((s) => s[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (!h.done && (min < 0 || Buffer.compare(h.value, heads[min]!.value as Buffer) < 0)) min = i;
    }
    if (min < 0) return;
    yield heads[min]!.value as Buffer;
    heads[min] = its[min]!.next();
  }
}

function checkFilter(filter: EventFilter): void {
  const felt = (v: unknown, what: string) => {
    if (typeof v !== 'bigint' || v < 0n || v >= P)
      throw new StateError('INVALID_VALUE', `${what} is not a field element`, { value: String(v) });
  };
  if (filter.address !== undefined) felt(filter.address, 'event filter address');
  for (const accepted of filter.keys ?? []) for (const k of accepted) felt(k, 'event filter key');
}

/**
 * starknet_getEvents over the stored events: block range, address and keys. A filter on keys reads the
 * key index (with the address when given) of its most selective indexed position; an address alone
 * reads the address index; only an unfiltered range scans the events.
 */
export function getEvents(db: EventSource, filter: EventFilter): EventsChunk {
  const latest = db.latestBlockNumber();
  if (filter.chunkSize < 1 || filter.chunkSize > STATE_DEFAULTS.maxEventsChunk)
    throw new StateError('INVALID_VALUE', `chunk size must be 1..${STATE_DEFAULTS.maxEventsChunk}`);
  checkFilter(filter);
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
  const hashes = new Map<number, bigint | undefined>();
  const events: EmittedEvent[] = [];
  for (const pos of candidates(db, filter, start, end)) {
    const value = db.tables.events.getBinary(pos);
    if (!value) throw new StateError('CORRUPT_RECORD', 'event index entry without its event');
    const doc = decodeJson<{ tx: string; from: string; keys: string[]; data: string[] }>(value);
    const keys = doc.keys.map((k) => BigInt(k));
    if (!keysMatch(filter.keys, keys)) continue;
    const fromAddress = BigInt(doc.from);
    if (filter.address !== undefined && fromAddress !== filter.address) continue;
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
      fromAddress,
      keys,
      data: doc.data.map((d) => BigInt(d)),
    });
  }
  return { events };
}
