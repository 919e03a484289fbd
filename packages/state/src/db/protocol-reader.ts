import { parseCasmClass, parseSierraClass, type StateReader, type StoredClass } from '@starling/protocol';
import type { PinnedStateReader } from '../pinned-state-reader.js';

/** What protocolReader needs from the database. */
export interface ClassSource {
  getClass(classHash: bigint): { sierra?: unknown; casm?: unknown; legacy?: unknown };
}

/** The protocol StateReader over a pinned reader and the stored class definitions (parsed once each). */
export function protocolReader(r: PinnedStateReader, classes: ClassSource): StateReader {
  const parsed = new Map<bigint, StoredClass | null>();
  const stored = (classHash: bigint): StoredClass | undefined => {
    if (r.getCompiledClassHash(classHash) === undefined) return undefined;
    let c = parsed.get(classHash);
    if (c === undefined) {
      const doc = classes.getClass(classHash);
      if (doc.sierra !== undefined && doc.sierra !== null) {
        const sierra = parseSierraClass(doc.sierra);
        c =
          doc.casm !== undefined && doc.casm !== null
            ? { kind: 'SIERRA', sierra, casm: parseCasmClass(doc.casm) }
            : { kind: 'SIERRA', sierra };
      } else c = doc.legacy !== undefined ? { kind: 'CAIRO0', definition: doc.legacy } : null;
      parsed.set(classHash, c);
    }
    return c ?? undefined;
  };
  return {
    getStorageAt: (a, k) => r.getStorageAt(a, k),
    getNonceAt: (a) => r.getNonceAt(a),
    getClassHashAt: (a) => r.getClassHashAt(a),
    getCompiledClassHash: (c) => r.getCompiledClassHash(c) ?? 0n,
    getClass: stored,
    getCompiledClass: (c) => {
      const s = stored(c);
      return s?.kind === 'SIERRA' ? s.casm : undefined;
    },
  };
}
