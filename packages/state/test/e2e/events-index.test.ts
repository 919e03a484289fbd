import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { P } from '@starling/felt';
import { type EventFilter, StateDatabase, StateError } from '../../src/index.ts';
import { randomDiff, rng } from '../helpers/random.ts';

interface Ev {
  block: number;
  tx: number;
  ev: number;
  from: bigint;
  keys: bigint[];
  data: bigint[];
}

describe('getEvents through the key and address indexes', () => {
  const path = mkdtempSync(join(tmpdir(), 'starling-state-events-'));
  after(() => rmSync(path, { recursive: true, force: true }));

  it('filters by block range, address and keys equal a brute-force filter, page by page', async () => {
    const db = StateDatabase.open({ path });
    const r = rng(21);
    const addrs = [0x10n, 0x20n, 0x30n, P - 1n];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const all: Ev[] = [];
    for (let n = 0; n < 6; n++) {
      const transactions = Array.from({ length: 4 }, (_, i) => {
        const events = Array.from({ length: Math.floor(r() * 5) }, (_, j) => {
          const keys = Array.from({ length: Math.floor(r() * 6) }, () => pick([1n, 2n, 3n, 4n, P - 2n]));
          const e = { fromAddress: pick(addrs), keys, data: [BigInt(n), BigInt(j)] };
          all.push({ block: n, tx: i, ev: j, from: e.fromAddress, keys, data: e.data });
          return e;
        });
        return { hash: BigInt(n * 100 + i + 1), transaction: {}, events };
      });
      db.commitBlock({ blockNumber: n, stateDiff: randomDiff(r, [0x99n], [0x1n], 1), transactions });
    }
    // Keyed and address queries must not scan the events table.
    const events = db.tables.events;
    const scan = events.getRange.bind(events);
    let scans = 0;
    events.getRange = ((o: Parameters<typeof scan>[0]) => {
      scans++;
      return scan(o);
    }) as typeof events.getRange;
    const filters: (Omit<EventFilter, 'chunkSize'> & { indexed: boolean })[] = [
      { keys: [[1n]], indexed: true },
      { keys: [[1n, P - 2n], [], [3n]], fromBlock: 1, toBlock: 4, indexed: true },
      { address: 0x20n, keys: [[], [2n, 4n]], indexed: true },
      { address: P - 1n, keys: [[P - 2n], [1n]], toBlock: 3, indexed: true },
      { address: 0x30n, indexed: true },
      { keys: [[], [], [], [], [2n]], indexed: false }, // position 4 is not indexed: scan and check
      { keys: [[], [], [], [1n], [2n]], indexed: true },
      { keys: [[9n]], indexed: true },
      { fromBlock: 2, toBlock: 2, indexed: false },
    ];
    for (const f of filters) {
      const expected = all.filter(
        (e) =>
          e.block >= (f.fromBlock ?? 0) &&
          e.block <= (f.toBlock ?? 5) &&
          (f.address === undefined || e.from === f.address) &&
          (f.keys ?? []).every((ks, i) => ks.length === 0 || ks.includes(e.keys[i]!)),
      );
      for (const chunkSize of [1, 3, 1024]) {
        scans = 0;
        const got: Ev[] = [];
        let token: string | undefined;
        do {
          const page = db.getEvents({ ...f, chunkSize, continuationToken: token });
          assert.ok(page.events.length <= chunkSize);
          for (const e of page.events)
            got.push({
              block: e.blockNumber,
              tx: e.transactionIndex,
              ev: e.eventIndex,
              from: e.fromAddress,
              keys: [...e.keys],
              data: [...e.data],
            });
          token = page.continuationToken;
        } while (token);
        assert.deepEqual(
          got,
          expected,
          JSON.stringify(f, (_k, v) => (typeof v === 'bigint' ? `${v}` : v)),
        );
        if (f.indexed) assert.equal(scans, 0, 'an indexed filter scanned the events table');
        else assert.ok(scans > 0, 'the scan counter sees scans');
      }
    }
    assert.ok(
      all.some((e) => e.keys.length > 4),
      'some events have keys beyond the indexed positions',
    );
    await db.close();
  });

  it('rejects filter values that are not felts with a typed error', async () => {
    const db = StateDatabase.open({ path });
    for (const bad of [{ keys: [[P]] }, { keys: [[-1n]] }, { address: 1n << 256n }])
      assert.throws(
        () => db.getEvents({ ...bad, chunkSize: 10 }),
        (e: unknown) => e instanceof StateError && e.code === 'INVALID_VALUE',
      );
    await db.close();
  });
});
