import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseGatewayStateDiff } from '@starling/protocol';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { MemoryState } from '../../src/index.ts';

describe('state roots of block fixtures with a known parent state', () => {
  it('mainnet genesis: empty parent, new_root (pre-0.14 rule: no classes, root = contracts root)', () => {
    const su = JSON.parse(
      readFileSync(join(vectorsDir, 'blocks', 'pre_0.7.0_mainnet_genesis.state_update.json'), 'utf8'),
    );
    assert.equal(BigInt(su.old_root), 0n);
    const state = new MemoryState('legacy');
    const c = state.apply(parseGatewayStateDiff(su.state_diff));
    assert.equal(c.stateRoot, BigInt(su.new_root));
    assert.equal(c.classesRoot, 0n);
  });
});
