import { vmError } from '../errors.js';
import type { Relocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';
import { egcd } from './math.js';
import { ptrAdd } from './operands.js';

const LIMB = 1n << 96n;
const VALUE_SIZE = 4;
const INSTANCE_SIZE = 7;
const OFFSETS_PER_GATE = 3;

function readValue(vm: VirtualMachine, addr: Relocatable): bigint | undefined {
  let res = 0n;
  for (let i = VALUE_SIZE - 1; i >= 0; i--) {
    const v = vm.memory.get(ptrAdd(addr, i));
    if (typeof v !== 'bigint') return undefined;
    res = res * LIMB + v;
  }
  return res;
}

function writeValue(vm: VirtualMachine, addr: Relocatable, value: bigint): void {
  let v = value;
  for (let i = 0; i < VALUE_SIZE; i++) {
    vm.memory.write(ptrAdd(addr, i), v % LIMB);
    v /= LIMB;
  }
}

/** Fills the values of a circuit and the add_mod / mul_mod instances (the EvalCircuit hint). */
export function evalCircuit(
  vm: VirtualMachine,
  addModPtr: Relocatable,
  nAdd: number,
  mulModPtr: Relocatable,
  nMul: number,
): void {
  const m = vm.memory;
  const valuesPtr = m.getRel(ptrAdd(mulModPtr, 4));
  const mulOffsets = m.getRel(ptrAdd(mulModPtr, 5));
  const addOffsets = nAdd === 0 ? mulOffsets : m.getRel(ptrAdd(addModPtr, 5));
  const modulus = readValue(vm, mulModPtr);
  if (modulus === undefined) throw vmError('HINT_FAILED', 'EvalCircuit: modulus is not set');
  const valueAddr = (offsets: Relocatable, i: number): Relocatable =>
    ptrAdd(valuesPtr, Number(m.getFelt(ptrAdd(offsets, i))));
  const fillAdd = (i: number): boolean => {
    const lhs = readValue(vm, valueAddr(addOffsets, i));
    const rhs = readValue(vm, valueAddr(addOffsets, i + 1));
    if (lhs !== undefined && rhs !== undefined) {
      writeValue(vm, valueAddr(addOffsets, i + 2), (lhs + rhs) % modulus);
      return true;
    }
    if (lhs === undefined && rhs !== undefined) {
      const res = readValue(vm, valueAddr(addOffsets, i + 2));
      if (res === undefined) return false;
      writeValue(vm, valueAddr(addOffsets, i), (((res - rhs) % modulus) + modulus) % modulus);
      return true;
    }
    return false;
  };
  const fillMul = (i: number): boolean => {
    const lhs = readValue(vm, valueAddr(mulOffsets, i));
    const rhs = readValue(vm, valueAddr(mulOffsets, i + 1));
    if (lhs !== undefined && rhs !== undefined) {
      writeValue(vm, valueAddr(mulOffsets, i + 2), (lhs * rhs) % modulus);
      return true;
    }
    if (lhs === undefined && rhs !== undefined) {
      const [g, x] = egcd(rhs, modulus);
      if (g === 1n) {
        writeValue(vm, valueAddr(mulOffsets, i), ((x % modulus) + modulus) % modulus);
        return true;
      }
      writeValue(vm, valueAddr(mulOffsets, i), modulus / g);
      return false;
    }
    throw vmError('HINT_FAILED', 'EvalCircuit: mul gate inputs are missing');
  };
  let addIdx = 0;
  let mulIdx = 0;
  let firstFailure = nMul;
  for (;;) {
    while (addIdx < nAdd && fillAdd(3 * addIdx)) addIdx++;
    if (mulIdx === nMul) break;
    if (!fillMul(3 * mulIdx) && firstFailure === nMul) firstFailure = mulIdx;
    mulIdx++;
  }
  const limbs = m.getFelts(mulModPtr, VALUE_SIZE);
  const fill = (builtin: Relocatable, n: number, offsets: Relocatable): void => {
    let off = offsets;
    for (let i = 0; i < n; i++) {
      const inst = ptrAdd(builtin, i * INSTANCE_SIZE);
      m.load(inst, [...limbs, valuesPtr, off, BigInt(n - i)]);
      off = ptrAdd(off, OFFSETS_PER_GATE);
    }
  };
  fill(addModPtr, nAdd, addOffsets);
  fill(mulModPtr, firstFailure, mulOffsets);
}
