// The state execution works on: a read-through cache over a protocol StateReader with a stack of
// write layers (one per transaction phase and per call), so that failed calls and reverted
// executions can be dropped. Execution reaches state only through protocol's interfaces.
import { P, PATRICIA_KEY_BOUND } from '@starling/felt';
import type { CasmClass, StateDiff, StateReader, StoredClass } from '@starling/protocol';
import { executionError } from '../errors.js';

interface Layer {
  storage: Map<bigint, Map<bigint, bigint>>;
  nonces: Map<bigint, bigint>;
  classHashes: Map<bigint, bigint>;
  /** class hash → compiled class hash of classes declared in this layer. */
  compiledClassHashes: Map<bigint, bigint>;
  classes: Map<bigint, { stored: StoredClass; casm?: CasmClass }>;
}

const fullLayer = (): Layer => ({
  storage: new Map(),
  nonces: new Map(),
  classHashes: new Map(),
  compiledClassHashes: new Map(),
  classes: new Map(),
});

// Most layers (one per call) write nothing or only storage: they share one empty map per field
// until their first write, instead of allocating five maps per checkpoint.
const EMPTY = new Map<never, never>();
const newLayer = (): Layer => ({
  storage: EMPTY,
  nonces: EMPTY,
  classHashes: EMPTY,
  compiledClassHashes: EMPTY,
  classes: EMPTY,
});

/** The layer's map for field `k`, allocated on first write (never write through EMPTY). */
function writable<K extends keyof Layer>(l: Layer, k: K): Layer[K] {
  let m = l[k];
  if ((m as Map<unknown, unknown>) === EMPTY) {
    m = new Map() as Layer[K];
    l[k] = m;
  }
  return m;
}

/** Counts of the state changes of one transaction (blockifier's StateChangesCount). */
export interface StateChangesCount {
  nStorageUpdates: number;
  nClassHashUpdates: number;
  nCompiledClassHashUpdates: number;
  nModifiedContracts: number;
  /** Storage keys that went from 0 to non-zero. */
  nAllocatedKeys: number;
}

function checkKey(v: bigint, what: string): void {
  if (v < 0n || v >= PATRICIA_KEY_BOUND) throw executionError('STATE_ERROR', `${what} out of range: ${v}`);
}

// Field pickers for lookups, shared rather than allocated per read.
const pickNonces = (l: Layer) => l.nonces;
const pickClassHashes = (l: Layer) => l.classHashes;
const pickCompiled = (l: Layer) => l.compiledClassHashes;
const pickClasses = (l: Layer) => l.classes;

/** Layered, revertible state over a read-only base. */
export class ExecutionState implements StateReader {
  private readonly cache = fullLayer();
  private readonly layers: Layer[] = [fullLayer()];

  constructor(readonly base: StateReader) {}

  /** Number of open layers (1 when no checkpoint is open). */
  get depth(): number {
    return this.layers.length;
  }

  private lookup<V>(
    pick: (l: Layer) => Map<bigint, V>,
    k: bigint,
    from = this.layers.length - 1,
  ): V | undefined {
    for (let i = from; i >= 0; i--) {
      const v = pick(this.layers[i] as Layer).get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private storageBelow(address: bigint, key: bigint, from: number): bigint {
    for (let i = from; i >= 0; i--) {
      const v = (this.layers[i] as Layer).storage.get(address)?.get(key);
      if (v !== undefined) return v;
    }
    let m = this.cache.storage.get(address);
    if (m === undefined) this.cache.storage.set(address, (m = new Map()));
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = this.base.getStorageAt(address, key)));
    return v;
  }

  private cached(map: Map<bigint, bigint>, k: bigint, read: () => bigint): bigint {
    let v = map.get(k);
    if (v === undefined) map.set(k, (v = read()));
    return v;
  }

  getStorageAt(address: bigint, key: bigint): bigint {
    return this.storageBelow(address, key, this.layers.length - 1);
  }

  getNonceAt(address: bigint): bigint {
    const v = this.lookup(pickNonces, address);
    if (v !== undefined) return v;
    let c = this.cache.nonces.get(address);
    if (c === undefined) this.cache.nonces.set(address, (c = this.base.getNonceAt(address)));
    return c;
  }

  getClassHashAt(address: bigint): bigint {
    const v = this.lookup(pickClassHashes, address);
    if (v !== undefined) return v;
    let c = this.cache.classHashes.get(address);
    if (c === undefined) this.cache.classHashes.set(address, (c = this.base.getClassHashAt(address)));
    return c;
  }

  getCompiledClassHash(classHash: bigint): bigint {
    return (
      this.lookup(pickCompiled, classHash) ??
      this.cached(
        this.cache.compiledClassHashes,
        classHash,
        () => this.base.getCompiledClassHash(classHash) ?? 0n,
      )
    );
  }

  getClass(classHash: bigint): StoredClass | undefined {
    const local = this.lookup(pickClasses, classHash);
    if (local !== undefined) return local.stored;
    return this.base.getClass(classHash);
  }

  getCompiledClass(classHash: bigint): CasmClass | undefined {
    const local = this.lookup(pickClasses, classHash);
    if (local !== undefined) return local.casm;
    return this.base.getCompiledClass(classHash);
  }

  private top(): Layer {
    return this.layers[this.layers.length - 1] as Layer;
  }

  setStorageAt(address: bigint, key: bigint, value: bigint): void {
    checkKey(address, 'contract address');
    checkKey(key, 'storage key');
    if (value < 0n || value >= P)
      throw executionError('STATE_ERROR', `storage value is not a felt: ${value}`);
    const storage = writable(this.top(), 'storage');
    let m = storage.get(address);
    if (m === undefined) storage.set(address, (m = new Map()));
    m.set(key, value);
  }

  setNonce(address: bigint, nonce: bigint): void {
    checkKey(address, 'contract address');
    writable(this.top(), 'nonces').set(address, nonce);
  }

  incrementNonce(address: bigint): void {
    this.setNonce(address, this.getNonceAt(address) + 1n);
  }

  setClassHashAt(address: bigint, classHash: bigint): void {
    checkKey(address, 'contract address');
    writable(this.top(), 'classHashes').set(address, classHash);
  }

  /** Declares a class (with its CASM when known) under a compiled class hash. */
  declareClass(classHash: bigint, compiledClassHash: bigint, stored: StoredClass, casm?: CasmClass): void {
    const top = this.top();
    writable(top, 'compiledClassHashes').set(classHash, compiledClassHash);
    writable(top, 'classes').set(classHash, casm === undefined ? { stored } : { stored, casm });
  }

  /** Opens a write layer. */
  checkpoint(): void {
    this.layers.push(newLayer());
  }

  /** Merges the top layer into the one below. */
  commit(): void {
    if (this.layers.length < 2) throw executionError('STATE_ERROR', 'no checkpoint to commit');
    const top = this.layers.pop() as Layer;
    const below = this.top();
    if (top.storage.size > 0) {
      const storage = writable(below, 'storage');
      for (const [a, m] of top.storage) {
        const t = storage.get(a);
        // A call's map moves down whole when the layer below has none for that contract.
        if (t === undefined) storage.set(a, m);
        else for (const [k, v] of m) t.set(k, v);
      }
    }
    if (top.nonces.size > 0) for (const [a, n] of top.nonces) writable(below, 'nonces').set(a, n);
    if (top.classHashes.size > 0)
      for (const [a, c] of top.classHashes) writable(below, 'classHashes').set(a, c);
    if (top.compiledClassHashes.size > 0)
      for (const [c, h] of top.compiledClassHashes) writable(below, 'compiledClassHashes').set(c, h);
    if (top.classes.size > 0) for (const [c, v] of top.classes) writable(below, 'classes').set(c, v);
  }

  /** Drops the top layer. */
  rollback(): void {
    if (this.layers.length < 2) throw executionError('STATE_ERROR', 'no checkpoint to roll back');
    this.layers.pop();
  }

  /** The net changes of layers `index`..top (merged) relative to what is below them. */
  layerDiff(index = this.layers.length - 1): StateDiff {
    if (index < 0 || index >= this.layers.length) throw executionError('STATE_ERROR', `no layer ${index}`);
    const top = this.layers.length - 1;
    const above = this.layers.slice(index);
    const storageKeys = new Map<bigint, Set<bigint>>();
    const nonceKeys = new Set<bigint>();
    const classKeys = new Set<bigint>();
    const declared = new Map<bigint, bigint>();
    for (const l of above) {
      for (const [a, m] of l.storage) {
        let set = storageKeys.get(a);
        if (set === undefined) storageKeys.set(a, (set = new Set()));
        for (const k of m.keys()) set.add(k);
      }
      for (const a of l.nonces.keys()) nonceKeys.add(a);
      for (const a of l.classHashes.keys()) classKeys.add(a);
      for (const [c, h] of l.compiledClassHashes) declared.set(c, h);
    }
    const storageDiffs: StateDiff['storageDiffs'] = [];
    for (const [address, keys] of storageKeys) {
      const entries = [];
      for (const key of keys) {
        const value = this.storageBelow(address, key, top);
        if (value !== this.storageBelow(address, key, index - 1)) entries.push({ key, value });
      }
      if (entries.length > 0) storageDiffs.push({ address, entries });
    }
    const before = (
      pick: (l: Layer) => Map<bigint, bigint>,
      cache: Map<bigint, bigint>,
      k: bigint,
      read: () => bigint,
    ) => this.lookup(pick, k, index - 1) ?? this.cached(cache, k, read);
    const nonces: StateDiff['nonces'] = [];
    for (const address of nonceKeys) {
      const nonce = this.getNonceAt(address);
      if (
        nonce !==
        before(
          (l) => l.nonces,
          this.cache.nonces,
          address,
          () => this.base.getNonceAt(address),
        )
      )
        nonces.push({ address, nonce });
    }
    const deployedContracts: StateDiff['deployedContracts'] = [];
    const replacedClasses: StateDiff['replacedClasses'] = [];
    for (const address of classKeys) {
      const classHash = this.getClassHashAt(address);
      const was = before(
        (l) => l.classHashes,
        this.cache.classHashes,
        address,
        () => this.base.getClassHashAt(address),
      );
      if (was === classHash) continue;
      (was === 0n ? deployedContracts : replacedClasses).push({ address, classHash });
    }
    const declaredClasses = [...declared].map(([classHash, compiledClassHash]) => ({
      classHash,
      compiledClassHash,
    }));
    return {
      storageDiffs,
      nonces,
      deployedContracts,
      replacedClasses,
      declaredClasses,
      deprecatedDeclaredClasses: [],
      migratedCompiledClasses: [],
    };
  }

  /** Counts a layer's changes for the fee (blockifier's count_for_fee_charge). */
  countForFee(
    diff: StateDiff,
    index: number,
    feeToken: bigint,
    senderBalanceKey: bigint | undefined,
  ): StateChangesCount {
    const contracts = new Set<bigint>();
    let nStorage = 0;
    let nAllocated = 0;
    let senderCounted = senderBalanceKey === undefined;
    for (const d of diff.storageDiffs) {
      contracts.add(d.address);
      for (const e of d.entries) {
        nStorage++;
        if (this.storageBelow(d.address, e.key, index - 1) === 0n && e.value !== 0n) nAllocated++;
        if (d.address === feeToken && e.key === senderBalanceKey) senderCounted = true;
      }
    }
    if (!senderCounted) nStorage++;
    for (const n of diff.nonces) contracts.add(n.address);
    for (const c of diff.deployedContracts) contracts.add(c.address);
    for (const c of diff.replacedClasses) contracts.add(c.address);
    contracts.delete(feeToken);
    return {
      nStorageUpdates: nStorage,
      nClassHashUpdates: diff.deployedContracts.length + diff.replacedClasses.length,
      nCompiledClassHashUpdates: diff.declaredClasses.length,
      nModifiedContracts: contracts.size,
      nAllocatedKeys: nAllocated,
    };
  }
}
