// Dictionaries in temporary segments (cairo1-run's proof-mode layout, lambdaclass/cairo-vm
// DictManagerExecScope): the first dictionary gets a real segment, later ones temporary segments;
// squashing records each end; RelocateAllDictionaries puts dictionary k + 1 right after dictionary
// k (the second at the first one's end, later ones one cell past the previous relocated end).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type BuiltinName,
  Cairo1HintProcessor,
  loadCasmProgram,
  type Relocatable,
  runFunction,
  VmError,
} from '../../src/index.ts';
import { ap, deref, hint, vmWith } from '../helpers/vm-setup.ts';

const code = (c: string) => (e: unknown) => e instanceof VmError && e.code === c;
const RELOCATE = `0x${Buffer.from('RelocateAllDictionaries').toString('hex')}`;

/** Allocates `n` dictionaries through AllocFelt252Dict with an arena at exec 0..2. */
function setup(n: number) {
  const vm = vmWith({ 10: { segment: 1, offset: 3 } });
  const infos = vm.memory.addSegment();
  vm.memory.load({ segment: 1, offset: 0 }, [{ segment: infos.index, offset: 0 }, 0n, 0n]);
  const proc = new Cairo1HintProcessor(undefined, false);
  const dicts: Relocatable[] = [];
  for (let i = 0; i < n; i++) {
    // The arena's dictionary count lives at arena - 2: give each allocation its own arena copy.
    const arena = 20 + 4 * i;
    vm.memory.load({ segment: 1, offset: arena - 3 }, [{ segment: infos.index, offset: 0 }, BigInt(i), 0n]);
    vm.memory.write({ segment: 1, offset: 11 + i }, { segment: 1, offset: arena });
    hint(vm, { AllocFelt252Dict: { segment_arena_ptr: deref(1 + i) } }, proc);
    dicts.push(vm.memory.getRel({ segment: infos.index, offset: 3 * i }));
  }
  return { vm, proc, dicts };
}

/** Writes `n` accesses (key, prev, new) into a dictionary and squashes it (GetSegmentArenaIndex). */
function fill(
  vm: ReturnType<typeof setup>['vm'],
  proc: Cairo1HintProcessor,
  d: Relocatable,
  n: number,
  slot: number,
) {
  for (let i = 0; i < n; i++) vm.memory.load({ ...d, offset: 3 * i }, [BigInt(i), 0n, BigInt(100 + i)]);
  vm.memory.write({ segment: 1, offset: slot }, { ...d, offset: 3 * n });
  hint(vm, { GetSegmentArenaIndex: { dict_end_ptr: deref(slot - 10), dict_index: ap(slot - 10 + 1) } }, proc);
}

describe('dictionary relocation (temporary segments)', () => {
  it('first dictionary is a real segment, later ones temporary; all land after the first', () => {
    const { vm, proc, dicts } = setup(3);
    const [d0, d1, d2] = dicts as [Relocatable, Relocatable, Relocatable];
    assert.ok(d0.segment >= 0);
    assert.ok(d1.segment < 0 && d2.segment < 0);
    fill(vm, proc, d0, 2, 40); // 6 cells
    fill(vm, proc, d1, 3, 42); // 9 cells
    fill(vm, proc, d2, 1, 44); // 3 cells
    // A pointer into dictionary 2 elsewhere in memory is rewritten by the relocation.
    vm.memory.write({ segment: 1, offset: 60 }, { ...d2, offset: 2 });
    proc.execute(vm, [
      {
        name: 'Cheatcode',
        family: 'starknet',
        args: { selector: BigInt(RELOCATE) },
      } as never,
    ]);
    vm.memory.relocateTemporary();
    const felts = [...vm.memory.getFelts(d0, 15), 0n, ...vm.memory.getFelts({ ...d0, offset: 16 }, 3)];
    // d0: 6 cells; d1 at d0's end (offset 6): 9 cells; one cell gap; d2 at 6 + 9 + 1 = 16.
    assert.deepEqual(felts.slice(0, 6), [0n, 0n, 100n, 1n, 0n, 101n]);
    assert.deepEqual(felts.slice(6, 15), [0n, 0n, 100n, 1n, 0n, 101n, 2n, 0n, 102n]);
    assert.equal(vm.memory.get({ ...d0, offset: 15 }), undefined);
    assert.deepEqual(felts.slice(16, 19), [0n, 0n, 100n]);
    assert.deepEqual(vm.memory.getRel({ segment: 1, offset: 60 }), { segment: d0.segment, offset: 18 });
    // The dictionary end pointers the squash code stored are rewritten too.
    assert.deepEqual(vm.memory.getRel({ segment: 1, offset: 42 }), { segment: d0.segment, offset: 15 });
  });

  it('a dictionary squashed twice is a typed error; a second relocation call adds no rules', () => {
    const { vm, proc, dicts } = setup(2);
    fill(vm, proc, dicts[0] as Relocatable, 1, 40);
    assert.throws(
      () => hint(vm, { GetSegmentArenaIndex: { dict_end_ptr: deref(30), dict_index: ap(32) } }, proc),
      code('HINT_FAILED'),
    );
    proc.state.dicts.relocateAll(vm);
    proc.state.dicts.relocateAll(vm);
    assert.equal(vm.memory.rules.size, 1);
  });

  it('in Starknet mode (real segments) nothing is temporary and squashing twice is allowed', () => {
    const vm = vmWith({ 10: { segment: 1, offset: 3 } });
    const infos = vm.memory.addSegment();
    vm.memory.load({ segment: 1, offset: 0 }, [{ segment: infos.index, offset: 0 }, 0n, 0n]);
    const proc = hint(vm, { AllocFelt252Dict: { segment_arena_ptr: deref(0) } });
    const d = vm.memory.getRel({ segment: infos.index, offset: 0 });
    assert.ok(d.segment >= 0);
    vm.memory.write({ segment: 1, offset: 40 }, d);
    hint(vm, { GetSegmentArenaIndex: { dict_end_ptr: deref(30), dict_index: ap(31) } }, proc);
    hint(vm, { GetSegmentArenaIndex: { dict_end_ptr: deref(30), dict_index: ap(31) } }, proc);
    assert.equal(vm.memory.temp.length, 0);
  });
});

describe('a compiled program with three dictionaries (fixture: wasm-cairo result)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/three-dicts.json', import.meta.url), 'utf8'),
  ) as { result: string[]; casm: { builtins: BuiltinName[]; entry: { return_cells: number } } };
  const program = loadCasmProgram(JSON.stringify(fixture.casm));
  const run = (noTemporarySegments: boolean) =>
    runFunction(program, { builtins: fixture.casm.builtins, gas: 10n ** 9n, noTemporarySegments });

  it('returns the Rust VM result with real segments and with temporary ones', () => {
    const expected = BigInt(fixture.result[0] as string);
    const real = run(true);
    assert.equal(real.returnValues(1)[0], expected);
    assert.equal(real.vm.memory.temp.length, 0);
    const temp = run(false);
    assert.equal(temp.returnValues(1)[0], expected);
    // Two temporary dictionaries, relocated after the first one: no pointer into them remains.
    assert.equal(temp.vm.memory.temp.length, 2);
    assert.equal(temp.vm.memory.rules.size, 2);
    temp.verify();
    // Fewer real segments: the dictionaries share the first one's.
    assert.equal(temp.vm.memory.segments.length, real.vm.memory.segments.length - 2);
  });
});
