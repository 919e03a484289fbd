import { P, PATRICIA_KEY_BOUND } from '@starling/felt';
import { StateError } from './errors.js';
import type { StateReader } from './state-reader.js';
import type { StateDiff } from './types.js';

interface Layer {
  storage: Map<bigint, Map<bigint, bigint>>;
  nonces: Map<bigint, bigint>;
  classHashes: Map<bigint, bigint>;
  /** class hash → compiled class hash (0n for Cairo 0). */
  declared: Map<bigint, bigint>;
}

const newLayer = (): Layer => ({
  storage: new Map(),
  nonces: new Map(),
  classHashes: new Map(),
  declared: new Map(),
});

function checkKey(v: bigint, what: string): void {
  if (typeof v !== 'bigint' || v < 0n || v >= PATRICIA_KEY_BOUND)
    throw new StateError('INVALID_KEY', `${what} out of range [0, 2^251)`, { value: String(v) });
}

function checkFelt(v: bigint, what: string): void {
  if (typeof v !== 'bigint' || v < 0n || v >= P)
    throw new StateError('INVALID_VALUE', `${what} is not a field element`, { value: String(v) });
}

/**
 * The state that execution works on: reads go through a cache to `base`, writes go to a stack of
 * layers (one per open transaction) that can be rolled back, and the net changes give a state diff.
 */
export class CachedState implements StateReader {
  private readonly initial = newLayer();
  private readonly layers: Layer[] = [newLayer()];

  constructor(private readonly base: StateReader) {}

  private find<K, V>(pick: (l: Layer) => Map<K, V>, k: K): V | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = pick(this.layers[i]!).get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private top(): Layer {
    return this.layers[this.layers.length - 1]!;
  }

  /** Value at the start (read through the cache). */
  private initialStorage(address: bigint, key: bigint): bigint {
    let m = this.initial.storage.get(address);
    if (!m) this.initial.storage.set(address, (m = new Map()));
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = this.base.getStorageAt(address, key)));
    return v;
  }

  private initialOf(map: Map<bigint, bigint>, k: bigint, read: () => bigint): bigint {
    let v = map.get(k);
    if (v === undefined) map.set(k, (v = read()));
    return v;
  }

  getStorageAt(address: bigint, key: bigint): bigint {
    checkKey(address, 'contract address');
    checkKey(key, 'storage key');
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.storage.get(address)?.get(key);
      if (v !== undefined) return v;
    }
    return this.initialStorage(address, key);
  }

  getNonceAt(address: bigint): bigint {
    checkKey(address, 'contract address');
    return (
      this.find((l) => l.nonces, address) ??
      this.initialOf(this.initial.nonces, address, () => this.base.getNonceAt(address))
    );
  }

  getClassHashAt(address: bigint): bigint {
    checkKey(address, 'contract address');
    return (
      this.find((l) => l.classHashes, address) ??
      this.initialOf(this.initial.classHashes, address, () => this.base.getClassHashAt(address))
    );
  }

  getCompiledClassHash(classHash: bigint): bigint | undefined {
    const v = this.find((l) => l.declared, classHash);
    if (v !== undefined) return v;
    if (this.initial.declared.has(classHash)) return this.initial.declared.get(classHash);
    const base = this.base.getCompiledClassHash(classHash);
    if (base !== undefined) this.initial.declared.set(classHash, base);
    return base;
  }

  /** Writes a storage value. */
  setStorageAt(address: bigint, key: bigint, value: bigint): void {
    checkKey(address, 'contract address');
    checkKey(key, 'storage key');
    checkFelt(value, 'storage value');
    const top = this.top();
    let m = top.storage.get(address);
    if (!m) top.storage.set(address, (m = new Map()));
    m.set(key, value);
  }

  /** Sets the nonce of a contract. */
  setNonce(address: bigint, nonce: bigint): void {
    checkKey(address, 'contract address');
    checkFelt(nonce, 'nonce');
    this.top().nonces.set(address, nonce);
  }

  /** Increments the nonce of a contract by one. */
  incrementNonce(address: bigint): void {
    this.setNonce(address, this.getNonceAt(address) + 1n);
  }

  /** Deploys (or replaces) the class of a contract. */
  setClassHashAt(address: bigint, classHash: bigint): void {
    checkKey(address, 'contract address');
    checkFelt(classHash, 'class hash');
    this.top().classHashes.set(address, classHash);
  }

  /** Declares a class: compiledClassHash 0n marks a Cairo 0 class. */
  declareClass(classHash: bigint, compiledClassHash: bigint): void {
    checkKey(classHash, 'class hash');
    checkFelt(compiledClassHash, 'compiled class hash');
    this.top().declared.set(classHash, compiledClassHash);
  }

  /** Opens a layer for one transaction's writes. */
  beginTransaction(): void {
    this.layers.push(newLayer());
  }

  /** Merges the innermost transaction's writes into the layer below. */
  commitTransaction(): void {
    if (this.layers.length < 2) throw new StateError('NO_OPEN_TRANSACTION', 'no transaction to commit');
    const top = this.layers.pop()!;
    const below = this.top();
    for (const [a, m] of top.storage) {
      let t = below.storage.get(a);
      if (!t) below.storage.set(a, (t = new Map()));
      for (const [k, v] of m) t.set(k, v);
    }
    for (const [a, n] of top.nonces) below.nonces.set(a, n);
    for (const [a, c] of top.classHashes) below.classHashes.set(a, c);
    for (const [c, h] of top.declared) below.declared.set(c, h);
  }

  /** Discards the innermost transaction's writes. */
  rollbackTransaction(): void {
    if (this.layers.length < 2) throw new StateError('NO_OPEN_TRANSACTION', 'no transaction to roll back');
    this.layers.pop();
  }

  /** The net changes of all committed writes (values equal to the initial ones are left out). */
  toStateDiff(): StateDiff {
    if (this.layers.length !== 1)
      throw new StateError(
        'NO_OPEN_TRANSACTION',
        'commit or roll back open transactions before extracting a diff',
      );
    const w = this.layers[0]!;
    const storageDiffs = [];
    for (const [address, m] of w.storage) {
      const entries = [...m]
        .filter(([k, v]) => v !== this.initialStorage(address, k))
        .map(([key, value]) => ({ key, value }));
      if (entries.length > 0) storageDiffs.push({ address, entries });
    }
    const nonces = [...w.nonces]
      .filter(([a, n]) => n !== this.initialOf(this.initial.nonces, a, () => this.base.getNonceAt(a)))
      .map(([address, nonce]) => ({ address, nonce }));
    const deployedContracts: StateDiff['deployedContracts'] = [];
    const replacedClasses: StateDiff['replacedClasses'] = [];
    for (const [address, classHash] of w.classHashes) {
      const before = this.initialOf(this.initial.classHashes, address, () =>
        this.base.getClassHashAt(address),
      );
      if (before === classHash) continue;
      (before === 0n ? deployedContracts : replacedClasses).push({ address, classHash });
    }
    const declaredClasses = [];
    const deprecatedDeclaredClasses = [];
    const migratedCompiledClasses = [];
    for (const [classHash, compiledClassHash] of w.declared) {
      const before = this.base.getCompiledClassHash(classHash);
      if (before === compiledClassHash) continue;
      if (compiledClassHash === 0n) deprecatedDeclaredClasses.push(classHash);
      // A declared class whose compiled class hash changes is a migration (0.14.1 v1 → v2).
      else if (before !== undefined) migratedCompiledClasses.push({ classHash, compiledClassHash });
      else declaredClasses.push({ classHash, compiledClassHash });
    }
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
}
