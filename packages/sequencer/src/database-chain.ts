// SequencerChain over the state database, with parsed classes cached (the VM reads them often).
import {
  type CasmClass,
  parseCasmClass,
  parseSierraClass,
  type StateReader,
  type StoredClass,
} from '@starling/protocol';
import type { BlockInput, StateDatabase, StoredBlock } from '@starling/state';
import type { SequencerChain } from './types.js';

/** The chain as stored in a StateDatabase. */
export class DatabaseChain implements SequencerChain {
  private readonly classes = new Map<bigint, StoredClass | null>();
  // Class → a block at which it was seen declared: a declaration is never undone, so it is declared at
  // every later block too, with no read.
  private readonly declaredAt = new Map<bigint, number>();

  constructor(readonly db: StateDatabase) {}

  latestBlockNumber(): number | undefined {
    return this.db.latestBlockNumber();
  }

  blockInfo(n: number): { hash: bigint; timestamp: bigint } {
    const b = this.db.getBlock(n);
    const ts = (b.header as { timestamp?: number } | undefined)?.timestamp ?? 0;
    return { hash: b.blockHash ?? 0n, timestamp: BigInt(ts) };
  }

  /** The stored class `classHash` parsed (Sierra with CASM, or Cairo 0), or undefined. */
  storedClass(classHash: bigint): StoredClass | undefined {
    const hit = this.classes.get(classHash);
    if (hit !== undefined) return hit ?? undefined;
    let doc: { sierra?: unknown; casm?: unknown; legacy?: unknown };
    try {
      doc = this.db.getClass(classHash);
    } catch {
      return undefined;
    }
    let out: StoredClass | null = null;
    if (doc.sierra !== undefined && doc.sierra !== null) {
      const sierra = parseSierraClass(doc.sierra);
      out =
        doc.casm !== undefined && doc.casm !== null
          ? { kind: 'SIERRA', sierra, casm: parseCasmClass(doc.casm) }
          : { kind: 'SIERRA', sierra };
    } else if (doc.legacy !== undefined) out = { kind: 'CAIRO0', definition: doc.legacy };
    this.classes.set(classHash, out);
    return out ?? undefined;
  }

  /** A protocol StateReader pinned at `block` (default latest). */
  stateAt(block?: number): StateReader {
    const n = block ?? this.db.latestBlockNumber();
    const r = this.db.reader(n);
    const declared = (c: bigint) => {
      const seen = this.declaredAt.get(c);
      if (seen !== undefined && n !== undefined && seen <= n) return true;
      const yes = r.getCompiledClassHash(c) !== undefined;
      if (yes && n !== undefined && (seen === undefined || n < seen)) this.declaredAt.set(c, n);
      return yes;
    };
    return {
      getStorageAt: r.getStorageAt,
      getNonceAt: r.getNonceAt,
      getClassHashAt: r.getClassHashAt,
      getCompiledClassHash: (c) => r.getCompiledClassHash(c) ?? 0n,
      getClass: (c) => (declared(c) ? this.storedClass(c) : undefined),
      getCompiledClass: (c): CasmClass | undefined => {
        if (!declared(c)) return undefined;
        const s = this.storedClass(c);
        return s?.kind === 'SIERRA' ? s.casm : undefined;
      },
    };
  }

  latestState(): StateReader {
    return this.stateAt();
  }

  commitBlock(input: BlockInput): StoredBlock {
    return this.db.commitBlock(input);
  }
}
