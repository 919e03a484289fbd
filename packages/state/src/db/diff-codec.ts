import { StateError } from '../errors.js';
import { readWordAt, viewOf, writeWordAt } from '../trie/word.js';
import type { StateDiff } from '../types.js';
import { readCompact } from './keys.js';

// Binary state diffs: a count (u32) per section, 32-byte words, and length-prefixed compact values.

/** Range checks come with the commit's own checks; a field of another type stops the encoding here. */
function checkBigint(v: unknown): void {
  if (typeof v !== 'bigint')
    throw new StateError('INVALID_VALUE', 'a state diff field is not a bigint', { value: String(v) });
}

class Writer {
  private bytes = Buffer.allocUnsafe(4096);
  private view = viewOf(this.bytes);
  private pos = 0;
  private room(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.pos + n));
    this.bytes.copy(bigger, 0, 0, this.pos);
    this.bytes = bigger;
    this.view = viewOf(bigger);
  }
  u32(n: number): void {
    this.room(4);
    this.view.setUint32(this.pos, n);
    this.pos += 4;
  }
  word(v: bigint): void {
    checkBigint(v);
    this.room(32);
    writeWordAt(this.view, this.pos, v);
    this.pos += 32;
  }
  /** A length byte, then the word without its leading zero bytes. */
  compact(v: bigint): void {
    checkBigint(v);
    this.room(33);
    writeWordAt(this.view, this.pos + 1, v);
    let skip = 0;
    while (skip < 32 && this.bytes[this.pos + 1 + skip] === 0) skip++;
    this.bytes[this.pos] = 32 - skip;
    this.bytes.copyWithin(this.pos + 1, this.pos + 1 + skip, this.pos + 33);
    this.pos += 33 - skip;
  }
  done(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.pos));
  }
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly b: Buffer) {
    this.view = viewOf(b);
  }
  /** Checks that `n` more bytes are there. */
  private need(n: number): void {
    if (this.pos + n > this.b.length)
      throw new StateError('CORRUPT_RECORD', 'a stored state diff is cut short');
  }
  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  word(): bigint {
    this.need(32);
    const v = readWordAt(this.view, this.pos);
    this.pos += 32;
    return v;
  }
  compact(): bigint {
    this.need(1);
    const len = this.b[this.pos]!;
    this.need(1 + len);
    const v = readCompact(this.b.subarray(this.pos + 1, this.pos + 1 + len));
    this.pos += 1 + len;
    return v;
  }
  list<T>(read: () => T): T[] {
    const n = this.u32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read());
    return out;
  }
  end(): void {
    if (this.pos !== this.b.length)
      throw new StateError('CORRUPT_RECORD', 'trailing bytes in a stored state diff');
  }
}

/** Encodes a state diff compactly (about 40 bytes per storage entry). */
export function encodeStateDiff(d: StateDiff): Buffer {
  const w = new Writer();
  w.u32(d.storageDiffs.length);
  for (const s of d.storageDiffs) {
    w.word(s.address);
    w.u32(s.entries.length);
    for (const e of s.entries) {
      w.word(e.key);
      w.compact(e.value);
    }
  }
  const pairs = (xs: readonly { a: bigint; b: bigint }[], compactB = false) => {
    w.u32(xs.length);
    for (const x of xs) {
      w.word(x.a);
      if (compactB) w.compact(x.b);
      else w.word(x.b);
    }
  };
  pairs(
    d.nonces.map((n) => ({ a: n.address, b: n.nonce })),
    true,
  );
  pairs(d.deployedContracts.map((c) => ({ a: c.address, b: c.classHash })));
  pairs(d.replacedClasses.map((c) => ({ a: c.address, b: c.classHash })));
  pairs(d.declaredClasses.map((c) => ({ a: c.classHash, b: c.compiledClassHash })));
  pairs(d.migratedCompiledClasses.map((c) => ({ a: c.classHash, b: c.compiledClassHash })));
  w.u32(d.deprecatedDeclaredClasses.length);
  for (const h of d.deprecatedDeclaredClasses) w.word(h);
  return w.done();
}

/** Inverse of encodeStateDiff. */
export function decodeStateDiff(bytes: Uint8Array): StateDiff {
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const storageDiffs = r.list(() => ({
    address: r.word(),
    entries: r.list(() => ({ key: r.word(), value: r.compact() })),
  }));
  const nonces = r.list(() => ({ address: r.word(), nonce: r.compact() }));
  const contract = () => ({ address: r.word(), classHash: r.word() });
  const deployedContracts = r.list(contract);
  const replacedClasses = r.list(contract);
  const cls = () => ({ classHash: r.word(), compiledClassHash: r.word() });
  const declaredClasses = r.list(cls);
  const migratedCompiledClasses = r.list(cls);
  const deprecatedDeclaredClasses = r.list(() => r.word());
  r.end();
  return {
    storageDiffs,
    nonces,
    deployedContracts,
    replacedClasses,
    declaredClasses,
    deprecatedDeclaredClasses,
    migratedCompiledClasses,
  };
}
