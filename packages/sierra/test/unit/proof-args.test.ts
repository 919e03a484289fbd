import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProofArgs, SierraError } from '../../src/index.ts';

const P = 2n ** 251n + 17n * 2n ** 192n + 1n;
const invalid = (e: unknown) => e instanceof SierraError && e.code === 'SIERRA_INVALID_ARGUMENTS';

describe("proof-mode arguments (cairo1-run's --args syntax)", () => {
  it('reads felts and bracketed arrays, separated by spaces or commas', () => {
    assert.deepEqual(parseProofArgs('1 [2 3 4] 0x5'), [1n, [2n, 3n, 4n], 5n]);
    assert.deepEqual(parseProofArgs('[3, 250, 7] 0'), [[3n, 250n, 7n], 0n]);
    assert.deepEqual(parseProofArgs('[] 7'), [[], 7n]);
    assert.deepEqual(parseProofArgs(''), []);
  });

  it('reads a negative felt as its field element', () => {
    assert.deepEqual(parseProofArgs('-1 -0x10'), [P - 1n, P - 16n]);
  });

  it('rejects malformed input with a typed error', () => {
    for (const bad of ['x', '1 [2', '1 ]', '[1 [2]]', '0xg', `${P}`, '1.5']) {
      assert.throws(() => parseProofArgs(bad), invalid, bad);
    }
  });
});
