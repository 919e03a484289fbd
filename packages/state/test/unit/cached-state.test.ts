import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import type { SierraClass, StoredClass } from '@starling/protocol';
import { CachedState, StateError, type StateReader } from '../../src/index.ts';

const sierra = (tag: number): StoredClass => ({ kind: 'SIERRA', sierra: { tag } as unknown as SierraClass });
const cairo0: StoredClass = { kind: 'CAIRO0', definition: {} };

/** A base state from plain maps that counts its reads. */
function baseState() {
  const storage = new Map<string, bigint>([
    ['1:10', 5n],
    ['1:11', 6n],
  ]);
  const classes = new Map<bigint, bigint>([[1n, 0xc1n]]);
  const nonces = new Map<bigint, bigint>([[1n, 3n]]);
  const declared = new Map<bigint, bigint>([[0xc1n, 0xcc1n]]);
  const reads = { n: 0 };
  const count = <T>(v: T): T => {
    reads.n++;
    return v;
  };
  const reader: StateReader = {
    getStorageAt: (a, k) => count(storage.get(`${a}:${k}`) ?? 0n),
    getNonceAt: (a) => count(nonces.get(a) ?? 0n),
    getClassHashAt: (a) => count(classes.get(a) ?? 0n),
    getCompiledClassHash: (c) => count(declared.get(c) ?? 0n),
    getClass: (c) => count(declared.has(c) ? sierra(Number(c)) : undefined),
    getCompiledClass: () => undefined,
  };
  return { reader, reads };
}

const isCode = (code: string) => (e: unknown) => e instanceof StateError && e.code === code;

describe('CachedState', () => {
  it('reads through a cache', () => {
    const { reader, reads } = baseState();
    const s = new CachedState(reader);
    assert.equal(s.getStorageAt(1n, 10n), 5n);
    assert.equal(s.getStorageAt(1n, 10n), 5n);
    assert.equal(s.getNonceAt(1n), 3n);
    assert.equal(s.getNonceAt(1n), 3n);
    assert.equal(reads.n, 2);
  });

  it('rolls back one transaction and keeps the others', () => {
    const s = new CachedState(baseState().reader);
    s.beginTransaction();
    s.setStorageAt(1n, 10n, 50n);
    s.incrementNonce(1n);
    s.commitTransaction();
    s.beginTransaction();
    s.setStorageAt(1n, 10n, 77n);
    s.setStorageAt(2n, 1n, 9n);
    s.setClassHashAt(2n, 0xc2n);
    assert.equal(s.getStorageAt(1n, 10n), 77n);
    s.rollbackTransaction();
    assert.equal(s.getStorageAt(1n, 10n), 50n);
    assert.equal(s.getStorageAt(2n, 1n), 0n);
    assert.equal(s.getClassHashAt(2n), 0n);
    assert.equal(s.getNonceAt(1n), 4n);
    // Nested: an inner rollback leaves the outer transaction's writes.
    s.beginTransaction();
    s.setStorageAt(1n, 11n, 1n);
    s.beginTransaction();
    s.setStorageAt(1n, 11n, 2n);
    s.rollbackTransaction();
    s.commitTransaction();
    assert.equal(s.getStorageAt(1n, 11n), 1n);
    assert.throws(() => s.rollbackTransaction(), isCode('NO_OPEN_TRANSACTION'));
  });

  it('extracts the net state diff', () => {
    const s = new CachedState(baseState().reader);
    s.setStorageAt(1n, 10n, 5n); // unchanged value: not in the diff
    s.setStorageAt(1n, 11n, 0n); // deletion
    s.setStorageAt(3n, 1n, 8n);
    s.setNonce(1n, 3n); // unchanged
    s.incrementNonce(3n);
    s.setClassHashAt(3n, 0xc3n); // deploy
    s.setClassHashAt(1n, 0xc9n); // replace
    s.declareClass(0xc3n, 0xcc3n, sierra(3));
    s.declareClass(0xc1n, 0xddn, sierra(1)); // migration of a declared class
    s.declareClass(0xc4n, 0n, cairo0); // Cairo 0
    assert.equal(s.getCompiledClassHash(0xc3n), 0xcc3n);
    assert.deepEqual(s.getClass(0xc4n), cairo0);
    assert.equal(s.getCompiledClassHash(0xc5n), 0n);
    assert.equal(s.getClass(0xc5n), undefined);
    assert.deepEqual(s.toStateDiff(), {
      storageDiffs: [
        { address: 1n, entries: [{ key: 11n, value: 0n }] },
        { address: 3n, entries: [{ key: 1n, value: 8n }] },
      ],
      nonces: [{ address: 3n, nonce: 1n }],
      deployedContracts: [{ address: 3n, classHash: 0xc3n }],
      replacedClasses: [{ address: 1n, classHash: 0xc9n }],
      declaredClasses: [{ classHash: 0xc3n, compiledClassHash: 0xcc3n }],
      deprecatedDeclaredClasses: [0xc4n],
      migratedCompiledClasses: [{ classHash: 0xc1n, compiledClassHash: 0xddn }],
    });
  });

  it('rejects bad input with typed errors', () => {
    const s = new CachedState(baseState().reader);
    assert.throws(() => s.getStorageAt(1n << 251n, 0n), isCode('INVALID_KEY'));
    assert.throws(() => s.setStorageAt(1n, 1n << 251n, 0n), isCode('INVALID_KEY'));
    assert.throws(() => s.setStorageAt(1n, 1n, P), isCode('INVALID_VALUE'));
    assert.throws(() => s.setNonce(1n, -1n), isCode('INVALID_VALUE'));
    assert.throws(() => s.declareClass(0xc6n, 5n, cairo0), isCode('INVALID_VALUE'));
    s.beginTransaction();
    assert.throws(() => s.toStateDiff(), isCode('NO_OPEN_TRANSACTION'));
  });
});
