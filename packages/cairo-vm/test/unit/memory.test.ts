// Memory: write-once cells, small/big felt encoding at the boundaries, temporary segments
// relocated by rules, flat relocation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import { Memory, relocationTable, VmError } from '../../src/index.ts';

const err = (c: string) => (e: unknown) => e instanceof VmError && e.code === c;

describe('memory', () => {
  it('round-trips felts across the small/big boundary and near P', () => {
    const m = new Memory();
    const s = m.addSegment();
    const values = [
      0n,
      1n,
      2n ** 52n - 1n,
      2n ** 52n,
      2n ** 53n + 1n,
      P - 1n,
      P - 2n ** 52n,
      P - 2n ** 52n - 1n,
      2n ** 251n,
    ];
    values.forEach((v, i) => {
      m.write({ segment: s.index, offset: i }, v);
    });
    assert.deepEqual(m.getFelts({ segment: s.index, offset: 0 }, values.length), values);
    // The same felt written again is accepted whatever path encoded it; a different one is not.
    m.write({ segment: s.index, offset: 5 }, P - 1n);
    assert.throws(() => m.write({ segment: s.index, offset: 5 }, P - 2n), err('INCONSISTENT_MEMORY'));
    assert.throws(
      () => m.write({ segment: s.index, offset: 0 }, { segment: 0, offset: 0 }),
      err('INCONSISTENT_MEMORY'),
    );
    assert.throws(() => m.getFelt({ segment: s.index, offset: 100 }), err('UNKNOWN_MEMORY'));
    assert.throws(() => m.get({ segment: 7, offset: 0 }), err('INVALID_ADDRESS'));
  });

  it('moves temporary segments by their relocation rules and rewrites pointers into them', () => {
    const m = new Memory();
    const a = m.addSegment();
    const b = m.addSegment();
    const t = m.addTempSegment();
    assert.equal(t.index, -1);
    m.load({ segment: -1, offset: 0 }, [10n, 11n, { segment: -1, offset: 1 }]);
    m.write({ segment: a.index, offset: 0 }, { segment: -1, offset: 2 });
    m.write({ segment: b.index, offset: 0 }, 99n);
    m.addRelocationRule(-1, { segment: b.index, offset: 1 });
    m.relocateTemporary();
    assert.deepEqual(m.getRel({ segment: a.index, offset: 0 }), { segment: b.index, offset: 3 });
    assert.deepEqual(m.getFelts({ segment: b.index, offset: 0 }, 3), [99n, 10n, 11n]);
    assert.deepEqual(m.getRel({ segment: b.index, offset: 3 }), { segment: b.index, offset: 2 });
    assert.throws(() => m.addRelocationRule(0, { segment: 1, offset: 0 }), err('RELOCATION'));
  });

  it('relocation table starts at 1 and follows segment sizes', () => {
    const m = new Memory();
    const a = m.addSegment();
    const b = m.addSegment();
    m.addSegment();
    m.write({ segment: a.index, offset: 4 }, 1n);
    m.write({ segment: b.index, offset: 0 }, 1n);
    assert.deepEqual(relocationTable(m), [1, 6, 7]);
  });
});
