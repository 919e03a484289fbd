// Syscalls against independent oracles: the gas table of the reference notes (upstream values),
// noble's keccak / sha256, known secp256k1 points, and the ABI layouts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeShortString } from '@starling/felt';
import { getVersionedConstants } from '@starling/protocol';
import { syscallGasCost } from '../../src/index.ts';
import { harness } from '../helpers/syscall-harness.ts';

const vc = getVersionedConstants('0.14.1');
const OUT_OF_GAS = encodeShortString('Out of gas');

describe('syscall gas costs (0.14.1)', () => {
  // Values from the reference notes' table, computed upstream from the same versioned constants.
  const table: [string, bigint, bigint][] = [
    ['StorageRead', 10_000n, 0n],
    ['StorageWrite', 10_000n, 0n],
    ['CallContract', 91_560n, 0n],
    ['LibraryCall', 89_160n, 0n],
    ['Deploy', 147_120n, 4_850n],
    ['EmitEvent', 10_000n, 0n],
    ['GetExecutionInfo', 12_640n, 0n],
    ['GetBlockHash', 10_840n, 0n],
    ['GetClassHashAt', 10_000n, 0n],
    ['ReplaceClass', 10_670n, 0n],
    ['SendMessageToL1', 14_470n, 0n],
    ['Sha256ProcessBlock', 841_295n, 0n],
    ['MetaTxV0', 167_950n, 4_850n],
    ['Secp256k1Mul', 8_143_850n, 0n],
    ['Secp256r1New', 61_630n, 0n],
  ];
  for (const [name, base, linear] of table) {
    it(name, () => assert.deepEqual(syscallGasCost(vc, name), { base, linear }));
  }
  it('keccak round', () => assert.equal(syscallGasCost(vc, 'KeccakRound')?.base, 171_707n));
});

describe('storage and gas accounting', () => {
  it('storage_write then storage_read returns the value and charges cost - base', () => {
    const h = harness();
    const w = h.call('StorageWrite', 1_000_000n, [0n, 0x77n, 0x1234n], 2);
    assert.deepEqual(w, [1_000_000n, 0n]);
    const r = h.call('StorageRead', 1_000_000n, [0n, 0x77n], 3);
    assert.deepEqual(r, [1_000_000n, 0n, 0x1234n]);
    assert.equal(h.state.getStorageAt(0xabcn, 0x77n), 0x1234n);
  });
  it('a non-zero address domain aborts the call', () => {
    const h = harness();
    assert.throws(() => h.call('StorageRead', 1_000_000n, [1n, 0x77n]), /address domain/);
  });
  it('out of gas answers failure with the felt "Out of gas" and keeps the gas counter', () => {
    const h = harness();
    const r = h.call('GetExecutionInfo', 2_639n, [], 4);
    assert.equal(r[0], 2_639n);
    assert.equal(r[1], 1n);
    assert.deepEqual(h.felts(r[2], r[3]), [OUT_OF_GAS]);
    const ok = h.call('GetExecutionInfo', 2_640n, [], 3);
    assert.deepEqual(ok.slice(0, 2), [0n, 0n]);
  });
});

describe('get_execution_info', () => {
  it('writes block, v3 tx info (resource bounds, tip, paymaster, DA modes) and call info', () => {
    const h = harness({
      tx: {
        version: 3n,
        senderAddress: 0x5e4dn,
        signature: [7n, 8n],
        transactionHash: 0x7a50n,
        nonce: 4n,
        tip: 9n,
        paymasterData: [0x99n],
        accountDeploymentData: [0xadn],
        resourceBounds: {
          l1Gas: { maxAmount: 1n, maxPricePerUnit: 2n },
          l2Gas: { maxAmount: 3n, maxPricePerUnit: 4n },
          l1DataGas: { maxAmount: 5n, maxPricePerUnit: 6n },
        },
      },
    });
    const [, , ptr] = h.call('GetExecutionInfo', 10n ** 6n, [], 3);
    const m = h.vm.memory;
    assert.ok(typeof ptr === 'object');
    const info = [0, 1, 2, 3, 4].map((i) => m.get({ segment: ptr.segment, offset: ptr.offset + i }));
    assert.deepEqual(info.slice(2), [0xca11e5n, 0xabcn, 0x5e1n]);
    const block = info[0] as { segment: number; offset: number };
    assert.deepEqual(m.getFelts(block, 3), [100n, 1_700_000_123n, h.ctx.block.sequencerAddress]);
    const tx = info[1] as { segment: number; offset: number };
    const cell = (i: number) => m.get({ segment: tx.segment, offset: tx.offset + i });
    assert.equal(cell(0), 3n);
    assert.equal(cell(1), 0x5e4dn);
    assert.deepEqual(h.felts(cell(3), cell(4)), [7n, 8n]);
    assert.equal(cell(5), 0x7a50n);
    assert.equal(cell(6), h.ctx.block.chainId);
    assert.equal(cell(7), 4n);
    assert.deepEqual(h.felts(cell(8), cell(9)), [
      encodeShortString('L1_GAS'),
      1n,
      2n,
      encodeShortString('L2_GAS'),
      3n,
      4n,
      encodeShortString('L1_DATA'),
      5n,
      6n,
    ]);
    assert.equal(cell(10), 9n);
    assert.deepEqual(h.felts(cell(11), cell(12)), [0x99n]);
    assert.deepEqual(h.felts(cell(15), cell(16)), [0xadn]);
  });
  it('rounds block number and timestamp and hides the sequencer in validate mode', () => {
    const h = harness({ mode: 'validate', block: { blockNumber: 1234n, timestamp: 7_300n } });
    const [, , ptr] = h.call('GetExecutionInfo', 10n ** 6n, [], 3);
    assert.ok(typeof ptr === 'object');
    const block = h.vm.memory.getRel(ptr);
    assert.deepEqual(h.vm.memory.getFelts(block, 3), [1200n, 7200n, 0n]);
  });
});

describe('get_block_hash', () => {
  it('reads the block-hash contract for blocks at least 10 behind, reverts on recent ones', () => {
    const h = harness({ block: { blockNumber: 100n } });
    h.state.setStorageAt(1n, 90n, 0xb10cn);
    assert.deepEqual(h.call('GetBlockHash', 10n ** 6n, [90n], 3), [10n ** 6n - 840n, 0n, 0xb10cn]);
    const r = h.call('GetBlockHash', 10n ** 6n, [91n], 4);
    assert.equal(r[1], 1n);
    assert.deepEqual(h.felts(r[2], r[3]), [encodeShortString('Block number out of range')]);
  });
  it('is rejected outright in validate mode for recent blocks', () => {
    const h = harness({ mode: 'validate', block: { blockNumber: 100n } });
    assert.throws(() => h.call('GetBlockHash', 10n ** 6n, [95n]), /Unauthorized syscall get_block_hash/);
  });
});

describe('events and messages', () => {
  it('emit_event records ordered events; too many keys aborts', () => {
    const h = harness();
    h.call('EmitEvent', 10n ** 6n, [...h.array([1n, 2n]), ...h.array([3n])], 2);
    h.call('EmitEvent', 10n ** 6n, [...h.array([4n]), ...h.array([])], 2);
    assert.deepEqual(h.handler.events, [
      { order: 0, keys: [1n, 2n], data: [3n] },
      { order: 1, keys: [4n], data: [] },
    ]);
    const keys = Array.from({ length: 51 }, (_, i) => BigInt(i));
    assert.throws(
      () => h.call('EmitEvent', 10n ** 6n, [...h.array(keys), ...h.array([])]),
      /maximum keys length/,
    );
  });
  it('send_message_to_l1 charges its linear cost and checks the Ethereum address', () => {
    const h = harness();
    const r = h.call('SendMessageToL1', 10n ** 6n, [0xe7en, ...h.array([5n, 6n])], 2);
    assert.deepEqual(r, [10n ** 6n - 4_470n, 0n]);
    assert.deepEqual(h.handler.messages, [{ order: 0, toAddress: 0xe7en, payload: [5n, 6n] }]);
    assert.throws(
      () => h.call('SendMessageToL1', 10n ** 6n, [1n << 160n, ...h.array([])]),
      /Ethereum address/,
    );
  });
});

describe('keccak and sha256', () => {
  it('keccak over one padded block equals keccak_256 of the message', () => {
    const msg = new Uint8Array(135).map((_, i) => (i * 7 + 3) & 0xff);
    const block = new Uint8Array(136);
    block.set(msg);
    block[135] = 0x01 | 0x80;
    const words: bigint[] = [];
    for (let i = 0; i < 17; i++) {
      let w = 0n;
      for (let j = 7; j >= 0; j--) w = (w << 8n) | BigInt(block[i * 8 + j] as number);
      words.push(w);
    }
    const h = harness();
    const r = h.call('Keccak', 10n ** 7n, h.array(words), 4);
    assert.equal(r[0], 10n ** 7n - 171_707n);
    const digest = keccak_256(msg);
    let le = 0n;
    for (let i = 31; i >= 0; i--) le = (le << 8n) | BigInt(digest[i] as number);
    assert.equal((r[2] as bigint) + ((r[3] as bigint) << 128n), le);
  });
  it('keccak rejects a length that is not a multiple of 17 words', () => {
    const h = harness();
    const r = h.call('Keccak', 10n ** 7n, h.array([1n, 2n]), 4);
    assert.equal(r[1], 1n);
    assert.deepEqual(h.felts(r[2], r[3]), [encodeShortString('Invalid input length')]);
  });
  it('sha256_process_block on a padded block equals sha256', () => {
    const msg = new TextEncoder().encode('starling executes transactions');
    const block = new Uint8Array(64);
    block.set(msg);
    block[msg.length] = 0x80;
    block[63] = msg.length * 8;
    const words = Array.from(
      { length: 16 },
      (_, i) =>
        BigInt(
          ((block[i * 4] as number) << 24) |
            ((block[i * 4 + 1] as number) << 16) |
            ((block[i * 4 + 2] as number) << 8) |
            (block[i * 4 + 3] as number),
        ) & 0xffffffffn,
    );
    const iv = [
      0x6a09e667n,
      0xbb67ae85n,
      0x3c6ef372n,
      0xa54ff53an,
      0x510e527fn,
      0x9b05688cn,
      0x1f83d9abn,
      0x5be0cd19n,
    ];
    const h = harness();
    const [st] = h.array(iv);
    const [inp] = h.array(words);
    const r = h.call('Sha256ProcessBlock', 10n ** 7n, [st, inp], 3);
    assert.ok(typeof r[2] === 'object');
    const out = h.vm.memory.getFelts(r[2], 8);
    const hex = out.map((w) => w.toString(16).padStart(8, '0')).join('');
    assert.equal(hex, Buffer.from(sha256(msg)).toString('hex'));
  });
});

describe('sha512', () => {
  it('sha512_process_block on a padded block equals sha512', () => {
    const msg = new TextEncoder().encode('sha-512 block for the starling execution tests');
    const block = new Uint8Array(128);
    block.set(msg);
    block[msg.length] = 0x80;
    block[127] = (msg.length * 8) & 0xff;
    block[126] = (msg.length * 8) >> 8;
    const words = Array.from({ length: 16 }, (_, i) =>
      BigInt(`0x${Buffer.from(block.subarray(i * 8, i * 8 + 8)).toString('hex')}`),
    );
    const iv = [
      0x6a09e667f3bcc908n,
      0xbb67ae8584caa73bn,
      0x3c6ef372fe94f82bn,
      0xa54ff53a5f1d36f1n,
      0x510e527fade682d1n,
      0x9b05688c2b3e6c1fn,
      0x1f83d9abfb41bd6bn,
      0x5be0cd19137e2179n,
    ];
    const h = harness();
    const r = h.call('Sha512ProcessBlock', 10n ** 7n, [h.array(iv)[0], h.array(words)[0]], 3);
    assert.ok(typeof r[2] === 'object');
    const out = h.vm.memory
      .getFelts(r[2], 8)
      .map((w) => w.toString(16).padStart(16, '0'))
      .join('');
    assert.equal(out, Buffer.from(sha512(msg)).toString('hex'));
  });
});

describe('secp256k1', () => {
  const G = {
    x: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
    y: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
  };
  const G2x = 0xc6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5n;
  const split = (v: bigint) => [v & ((1n << 128n) - 1n), v >> 128n];
  it('new / mul / add / get_xy agree with the known multiples of G', () => {
    const h = harness();
    const n = h.call('Secp256k1New', 10n ** 9n, [...split(G.x), ...split(G.y)], 4);
    assert.deepEqual(n.slice(1, 3), [0n, 0n]);
    const id = n[3] as bigint;
    const m = h.call('Secp256k1Mul', 10n ** 9n, [id, 2n, 0n], 3);
    const sum = h.call('Secp256k1Add', 10n ** 9n, [id, id], 3);
    for (const p of [m[2], sum[2]]) {
      const xy = h.call('Secp256k1GetXy', 10n ** 9n, [p as bigint], 6);
      assert.equal((xy[2] as bigint) + ((xy[3] as bigint) << 128n), G2x);
    }
  });
  it('get_point_from_x picks the requested parity; a point off the curve is None', () => {
    const h = harness();
    const r = h.call('Secp256k1GetPointFromX', 10n ** 9n, [...split(G.x), 0n], 4);
    assert.equal(r[2], 0n);
    const xy = h.call('Secp256k1GetXy', 10n ** 9n, [r[3] as bigint], 6);
    assert.equal((xy[4] as bigint) + ((xy[5] as bigint) << 128n), G.y);
    const off = h.call('Secp256k1New', 10n ** 9n, [...split(G.x), ...split(G.y + 1n)], 4);
    assert.equal(off[2], 1n);
  });
});

describe('block pre-processing', () => {
  it('writes hash(N − 10) that get_block_hash then returns; nothing below block 10', async () => {
    const { preProcessBlock } = await import('../../src/index.ts');
    const h = harness({ block: { blockNumber: 25n } });
    preProcessBlock(h.state, '0.14.1', 25n, (n) => 0x1000n + n);
    preProcessBlock(h.state, '0.14.1', 9n, () => {
      throw new Error('not asked');
    });
    assert.equal(h.call('GetBlockHash', 10n ** 6n, [15n], 3)[2], 0x100fn);
    assert.throws(() => preProcessBlock(h.state, '0.14.1', 26n, () => undefined), /unknown/);
  });
});

describe('re-execution record', () => {
  it('records each syscall with resolved request and response values and the gas around it', () => {
    const h = harness();
    h.call('StorageWrite', 50_000n, [0n, 5n, 6n], 2);
    h.call('Keccak', 10n ** 6n, h.array([1n, 2n]), 4);
    assert.deepEqual(h.handler.records[0], {
      selector: 'StorageWrite',
      request: [0n, 5n, 6n],
      response: [50_000n, 0n],
      gasBefore: 50_000n,
      gasAfter: 50_000n,
    });
    assert.deepEqual(h.handler.records[1]?.request, [2n, 1n, 2n]);
    assert.deepEqual(h.handler.records[1]?.response, [
      10n ** 6n,
      1n,
      1n,
      encodeShortString('Invalid input length'),
    ]);
  });
});

describe('get_execution_info for special accounts (versioned-constants lists)', () => {
  const raw = vc.raw.os_constants as Record<string, string[] | string>;
  const v1Bound = BigInt((raw.v1_bound_accounts_cairo1 as string[])[0] as string);
  const dataGas = BigInt((raw.data_gas_accounts as string[])[0] as string);
  const rb = {
    l1Gas: { maxAmount: 1n, maxPricePerUnit: 2n },
    l2Gas: { maxAmount: 3n, maxPricePerUnit: 4n },
    l1DataGas: { maxAmount: 5n, maxPricePerUnit: 6n },
  };
  const txCell = (h: ReturnType<typeof harness>, i: number) => {
    const [, , ptr] = h.call('GetExecutionInfo', 10n ** 6n, [], 3);
    assert.ok(typeof ptr === 'object');
    const tx = h.vm.memory.getRel({ segment: ptr.segment, offset: ptr.offset + 1 });
    return h.vm.memory.get({ segment: tx.segment, offset: tx.offset + i });
  };
  it('v1-bound accounts see a v3 transaction with a low tip as version 1', () => {
    assert.equal(txCell(harness({ classHash: v1Bound, tx: { version: 3n, tip: 0n } }), 0), 1n);
    assert.equal(txCell(harness({ classHash: v1Bound, tx: { version: 3n, tip: 10n ** 15n } }), 0), 3n);
  });
  it('data-gas accounts get the resource bounds without L1_DATA', () => {
    const h = harness({ classHash: dataGas, tx: { version: 3n, resourceBounds: rb } });
    assert.equal(h.felts(txCell(h, 8), txCell(h, 9)).length, 6);
    const other = harness({ tx: { version: 3n, resourceBounds: rb } });
    assert.equal(other.felts(txCell(other, 8), txCell(other, 9)).length, 9);
  });
});
