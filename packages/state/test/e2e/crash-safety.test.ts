import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryState, StateDatabase, StateError, verifyStorageProof } from '../../src/index.ts';
import { CRASH_CONTRACT, CRASH_KEYS, crashBlock, EVENTS_PER_BLOCK } from '../helpers/crash-blocks.ts';

const writer = join(dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'crash-writer.ts');

/**
 * Runs the writer until it starts writing its `minBlocks`-th block of this run, waits `delayMs` (the
 * write of a block takes longer), then kills it with SIGKILL. Returns the last block reported committed.
 */
function runAndKill(path: string, minBlocks: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@starling/source', writer, path],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let last = -1;
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString().matchAll(/(committed|writing) (\d+)/g)) {
        if (m[1] === 'committed') last = Number(m[2]);
        else if (++seen === minBlocks) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited: ${signal}`)),
    );
  });
}

describe('crash safety', () => {
  it('kill -9 during commits: the last committed block is intact and nothing partial is visible', async () => {
    const path = mkdtempSync(join(tmpdir(), 'starling-crash-'));
    try {
      const delays = [0, 15, 40];
      for (const delay of delays) {
        const reported = await runAndKill(path, 3, delay);
        const db = StateDatabase.open({ path });
        const latest = db.latestBlockNumber()!;
        // Everything reported is durable; at most one more block (committed after the last report) exists.
        assert.ok(latest >= reported && latest <= reported + 1, `latest ${latest}, reported ${reported}`);
        const mem = new MemoryState();
        for (let n = 0; n <= latest; n++) mem.apply(crashBlock(n).stateDiff);
        assert.equal(db.getRoots(latest).stateRoot, mem.roots.stateRoot);
        for (const k of CRASH_KEYS) assert.equal(db.getStorageAt(CRASH_CONTRACT, k), BigInt(latest * 10) + k);
        assert.equal(db.getNonce(CRASH_CONTRACT), BigInt(latest + 1));
        const req = {
          contractAddresses: [CRASH_CONTRACT],
          contractsStorageKeys: [{ contractAddress: CRASH_CONTRACT, storageKeys: CRASH_KEYS }],
        };
        assert.equal(verifyStorageProof(db.getStorageProof(latest, req), req).stateRoot, mem.roots.stateRoot);
        const evs = db.getEvents({
          fromBlock: latest,
          toBlock: latest,
          chunkSize: 1024,
          address: CRASH_CONTRACT,
        });
        assert.equal(evs.events.length, 1024);
        assert.equal(db.getBlockTransactions(latest).length, 1);
        assert.ok(db.getBlockWitness(latest).pedersen.created.size > 0);
        // Nothing of the interrupted block is visible.
        assert.equal(db.getTransaction(BigInt(0x7000000 + latest + 1)), undefined);
        assert.equal(db.getBlockNumberByHash(BigInt(0xb10c00 + latest + 1)), undefined);
        const next = db.getEvents({ fromBlock: latest, chunkSize: 1, keys: [[BigInt(latest + 1)]] });
        assert.equal(next.events.length, 0);
        assert.throws(
          () => db.getStorageAt(CRASH_CONTRACT, 1n, latest + 1),
          (e) => e instanceof StateError && e.code === 'UNKNOWN_BLOCK',
        );
        assert.equal(
          [...db.tables.events.getRange({ start: Buffer.alloc(0) })].length,
          (latest + 1) * EVENTS_PER_BLOCK,
        );
        await db.close();
      }
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
