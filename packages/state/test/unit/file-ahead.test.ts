import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileAhead, SLICE_BYTES } from '../../src/db/file-ahead.ts';

const MB = 1 << 20;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A directory holding data.mdb: `used` bytes of data, then a sparse tail up to `size`. */
function environment(used: number, size: number): { dir: string; file: string; bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'file-ahead-'));
  dirs.push(dir);
  const file = join(dir, 'data.mdb');
  const bytes = randomBytes(used);
  writeFileSync(file, bytes);
  truncateSync(file, size);
  return { dir, file, bytes };
}

/** Lets the slices scheduled with setImmediate run. */
async function settle(ahead: FileAhead): Promise<void> {
  for (let last = -1; ahead.reached !== last; ) {
    last = ahead.reached;
    for (let i = 0; i < 4; i++) await new Promise((r) => setImmediate(r));
  }
}

describe('reading the database file ahead', () => {
  it('reads from the used end to that end plus the distance, slice by slice, and changes nothing', async () => {
    const { dir, file, bytes } = environment(2 * MB, 16 * MB);
    let end = 2 * MB;
    const ahead = new FileAhead(dir, () => end, 5 * MB);
    ahead.schedule();
    assert.equal(ahead.reached, 2 * MB, 'nothing is read before the event loop turns');
    await settle(ahead);
    assert.equal(ahead.reached, 7 * MB);
    // The file grew by a block: reading goes on from where it stopped.
    end = 3 * MB;
    ahead.schedule();
    await settle(ahead);
    assert.equal(ahead.reached, 8 * MB);
    ahead.close();
    const now = readFileSync(file);
    assert.equal(now.length, 16 * MB);
    assert.ok(now.subarray(0, 2 * MB).equals(bytes));
    assert.ok(now.subarray(2 * MB).every((b) => b === 0));
  });

  it('stops at the end of the file, and takes a path to the file itself', async () => {
    const { file } = environment(MB, 3 * MB + SLICE_BYTES / 2);
    const ahead = new FileAhead(file, () => MB, 64 * MB);
    ahead.schedule();
    await settle(ahead);
    assert.equal(ahead.reached, 3 * MB + SLICE_BYTES);
    ahead.close();
  });

  it('does nothing without a file, or once closed', async () => {
    const missing = new FileAhead(join(tmpdir(), 'no-such-environment', 'x'), () => 0);
    missing.schedule();
    await settle(missing);
    assert.equal(missing.reached, 0);
    const { dir } = environment(MB, 8 * MB);
    const closed = new FileAhead(dir, () => MB);
    closed.close();
    closed.schedule();
    await settle(closed);
    assert.equal(closed.reached, 0);
    closed.close();
  });
});
