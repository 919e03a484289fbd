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
    const r = this.db.reader(block);
    const declared = (c: bigint) => r.getCompiledClassHash(c) !== undefined;
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
