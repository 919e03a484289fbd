import { P, PATRICIA_KEY_BOUND } from '@starling/felt';
import type { CasmClass, State, StateReader, StoredClass } from '@starling/protocol';
import { StateError } from './errors.js';
import type { StateDiff } from './types.js';

interface Declared {
  readonly compiledClassHash: bigint;
  readonly stored: StoredClass;
  readonly casm: CasmClass | undefined;
}

interface Layer {
  storage: Map<bigint, Map<bigint, bigint>>;
  nonces: Map<bigint, bigint>;
  classHashes: Map<bigint, bigint>;
  declared: Map<bigint, Declared>;
}

const newLayer = (): Layer => ({
  storage: new Map(),
  nonces: new Map(),
  classHashes: new Map(),
  declared: new Map(),
});

/** What the base state says about a class (read once). */
interface BaseClass {
  readonly compiledClassHash: bigint;
  readonly stored: StoredClass | undefined;
}

function checkKey(v: bigint, what: string): void {
  if (typeof v !== 'bigint' || v < 0n || v >= PATRICIA_KEY_BOUND)
    throw new StateError('INVALID_KEY', `${what} out of range [0, 2^251)`, { value: String(v) });
}

function checkFelt(v: bigint, what: string): void {
  if (typeof v !== 'bigint' || v < 0n || v >= P)
    throw new StateError('INVALID_VALUE', `${what} is not a field element`, { value: String(v) });
}

/**
 * The protocol State that execution works on: reads go through a cache to `base`, writes go to a stack of
 * layers (one per open transaction) that can be rolled back, and the net changes give a state diff.
 */
export class CachedState implements State {
  private readonly initial = newLayer();
  private readonly baseClasses = new Map<bigint, BaseClass>();
  private readonly baseCasm = new Map<bigint, CasmClass | null>();
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

  private baseClass(classHash: bigint): BaseClass {
    let c = this.baseClasses.get(classHash);
    if (!c) {
      c = {
        compiledClassHash: this.base.getCompiledClassHash(classHash),
        stored: this.base.getClass(classHash),
      };
      this.baseClasses.set(classHash, c);
    }
    return c;
  }

  /** The compiled class hash of a declared Sierra class; 0 for Cairo 0 classes and undeclared ones. */
  getCompiledClassHash(classHash: bigint): bigint {
    return (
      this.find((l) => l.declared, classHash)?.compiledClassHash ??
      this.baseClass(classHash).compiledClassHash
    );
  }

  getClass(classHash: bigint): StoredClass | undefined {
    return this.find((l) => l.declared, classHash)?.stored ?? this.baseClass(classHash).stored;
  }

  getCompiledClass(classHash: bigint): CasmClass | undefined {
    const d = this.find((l) => l.declared, classHash);
    if (d) return d.casm ?? (d.stored.kind === 'SIERRA' ? d.stored.casm : undefined);
    let c = this.baseCasm.get(classHash);
    if (c === undefined) this.baseCasm.set(classHash, (c = this.base.getCompiledClass(classHash) ?? null));
    return c ?? undefined;
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

  /** Declares a class (a Cairo 0 class has compiled class hash 0), or migrates a declared one. */
  declareClass(classHash: bigint, compiledClassHash: bigint, stored: StoredClass, casm?: CasmClass): void {
    checkKey(classHash, 'class hash');
    checkFelt(compiledClassHash, 'compiled class hash');
    if (stored?.kind !== 'SIERRA' && stored?.kind !== 'CAIRO0')
      throw new StateError('INVALID_VALUE', 'a declared class is SIERRA or CAIRO0', {
        classHash: String(classHash),
      });
    if (stored.kind === 'CAIRO0' && compiledClassHash !== 0n)
      throw new StateError('INVALID_VALUE', 'a Cairo 0 class has no compiled class hash');
    this.top().declared.set(classHash, { compiledClassHash, stored, casm });
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
    for (const [c, d] of top.declared) below.declared.set(c, d);
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
    for (const [classHash, { compiledClassHash, stored }] of w.declared) {
      const before = this.baseClass(classHash);
      if (before.stored === undefined) {
        if (stored.kind === 'CAIRO0') deprecatedDeclaredClasses.push(classHash);
        else declaredClasses.push({ classHash, compiledClassHash });
      } else if (stored.kind === 'SIERRA' && before.compiledClassHash !== compiledClassHash)
        // A declared class whose compiled class hash changes is a migration (0.14.1 v1 → v2).
        migratedCompiledClasses.push({ classHash, compiledClassHash });
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
