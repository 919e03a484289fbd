import { StateError } from '../errors.js';
import type { StateDiff } from '../types.js';
import { compactWord, readCompact } from './keys.js';

// Binary state diffs: a count (u32) per section, 32-byte words, and length-prefixed compact values.

class Writer {
  private readonly parts: Buffer[] = [];
  u32(n: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32BE(n);
    this.parts.push(b);
  }
  word(v: bigint): void {
    this.parts.push(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));
  }
  compact(v: bigint): void {
    const c = compactWord(v);
    this.parts.push(Buffer.from([c.length]), Buffer.from(c));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly b: Buffer) {}
  u32(): number {
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  word(): bigint {
    const v = BigInt(`0x${this.b.toString('hex', this.pos, this.pos + 32)}`);
    this.pos += 32;
    return v;
  }
  compact(): bigint {
    const len = this.b[this.pos]!;
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
