import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccak_256 } from '@noble/hashes/sha3';
import { type MaybeRelocatable, type Relocatable, VirtualMachine, VmError } from '@starling/cairo-vm';
import { encodeShortString } from '@starling/felt';
import { asShortString } from '../../src/program-result.ts';
import { PROGRAM_SYSCALL_GAS, ProgramSyscallHandler } from '../../src/program-syscalls.ts';

// The in-memory syscall host `starling run` gives plain programs: requests laid out as the compiler
// emits them ([selector, gas, inputs…]), responses right after ([gas, 0, outputs…] or [gas, 1, reason]).

function request(vm: VirtualMachine, selector: string, gas: bigint, inputs: MaybeRelocatable[]): Relocatable {
  const seg = vm.memory.addSegment().index;
  vm.memory.load({ segment: seg, offset: 0 }, [encodeShortString(selector), gas, ...inputs]);
  return { segment: seg, offset: 0 };
}

function array(vm: VirtualMachine, values: bigint[]): [Relocatable, Relocatable] {
  const seg = vm.memory.addSegment().index;
  vm.memory.load({ segment: seg, offset: 0 }, values);
  return [
    { segment: seg, offset: 0 },
    { segment: seg, offset: values.length },
  ];
}

const at = (p: Relocatable, i: number): Relocatable => ({ segment: p.segment, offset: p.offset + i });

describe('ProgramSyscallHandler', () => {
  it('storage: a write is read back, unknown keys read 0, other address domains fail', () => {
    const vm = new VirtualMachine();
    const host = new ProgramSyscallHandler();
    const w = request(vm, 'StorageWrite', 100_000n, [0n, 7n, 42n]);
    host.systemCall(vm, w);
    assert.deepEqual(vm.memory.getFelts(at(w, 5), 2), [
      100_000n - BigInt(PROGRAM_SYSCALL_GAS.StorageWrite),
      0n,
    ]);
    for (const [key, value] of [
      [7n, 42n],
      [8n, 0n],
    ]) {
      const r = request(vm, 'StorageRead', 100_000n, [0n, key!]);
      host.systemCall(vm, r);
      assert.deepEqual(vm.memory.getFelts(at(r, 4), 3), [95_000n, 0n, value]);
    }
    const bad = request(vm, 'StorageRead', 100_000n, [1n, 7n]);
    host.systemCall(vm, bad);
    assert.equal(vm.memory.getFelt(at(bad, 5)), 1n);
    const reason = vm.memory.getRel(at(bad, 6));
    assert.equal(asShortString(vm.memory.getFelt(reason)), 'Unsupported address domain');
  });

  it('keccak of a 135-byte message (one padded block) equals keccak-256 from @noble/hashes', () => {
    const vm = new VirtualMachine();
    const message = Uint8Array.from({ length: 135 }, (_, i) => (i * 37 + 11) & 0xff);
    // pad10*1 of a 135-byte message is the single byte 0x81; the words are its little-endian u64s.
    const block = new Uint8Array(136);
    block.set(message);
    block[135] = 0x81;
    const le = (bytes: Uint8Array) => bytes.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
    const words = Array.from({ length: 17 }, (_, i) => le(block.subarray(i * 8, i * 8 + 8)));
    const [s, e] = array(vm, words);
    const r = request(vm, 'Keccak', 1_000_000n, [s, e]);
    new ProgramSyscallHandler().systemCall(vm, r);
    const digest = keccak_256(message);
    assert.deepEqual(vm.memory.getFelts(at(r, 4), 4), [
      1_000_000n - BigInt(PROGRAM_SYSCALL_GAS.KeccakRound),
      0n,
      le(digest.subarray(0, 16)),
      le(digest.subarray(16, 32)),
    ]);
    const bad = request(vm, 'Keccak', 1_000_000n, array(vm, [1n]));
    new ProgramSyscallHandler().systemCall(vm, bad);
    assert.equal(vm.memory.getFelt(at(bad, 5)), 1n);
  });

  it('runs out of gas as a failed syscall, and rejects unknown syscalls with a typed error', () => {
    const vm = new VirtualMachine();
    const host = new ProgramSyscallHandler();
    const r = request(vm, 'StorageWrite', 10n, [0n, 1n, 1n]);
    host.systemCall(vm, r);
    assert.equal(vm.memory.getFelt(at(r, 5)), 10n);
    assert.equal(vm.memory.getFelt(at(r, 6)), 1n);
    assert.equal(asShortString(vm.memory.getFelt(vm.memory.getRel(at(r, 7)))), 'Syscall out of gas');
    assert.throws(() => host.systemCall(vm, request(vm, 'Secp256k1New', 10n, [])), VmError);
  });

  it('events and messages are collected; execution info is zeroed with empty arrays', () => {
    const vm = new VirtualMachine();
    const host = new ProgramSyscallHandler();
    const keys = array(vm, [1n, 2n]);
    const data = array(vm, [3n]);
    host.systemCall(vm, request(vm, 'EmitEvent', 100_000n, [...keys, ...data]));
    assert.deepEqual(host.events, [{ keys: [1n, 2n], data: [3n] }]);
    const r = request(vm, 'GetExecutionInfo', 100_000n, []);
    host.systemCall(vm, r);
    const info = vm.memory.getRel(at(r, 4));
    const block = vm.memory.getRel(info);
    assert.deepEqual(vm.memory.getFelts(block, 3), [0n, 0n, 0n]);
    const tx = vm.memory.getRel(at(info, 1));
    const sigStart = vm.memory.getRel(at(tx, 3));
    const sigEnd = vm.memory.getRel(at(tx, 4));
    assert.deepEqual(sigStart, sigEnd);
  });

  it('short strings print as the upstream runner prints them', () => {
    assert.equal(asShortString(0n), '');
    assert.equal(asShortString(encodeShortString('Out of gas')), 'Out of gas');
    assert.equal(asShortString(9n), '\t');
    assert.equal(asShortString(11n), undefined); // vertical tab is not Rust ascii whitespace
    assert.equal(asShortString(0x410041n), undefined); // a zero byte before a letter
    assert.equal(asShortString(0x41n << 8n), 'A');
  });
});
