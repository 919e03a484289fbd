import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateTransactionHash,
  getStorageVarAddress,
  l1ToL2MessageHash,
  l2ToL1MessageHash,
  messageFromL1Handler,
  ProtocolError,
  parseGatewayStateUpdate,
  parseTransactionWithHash,
} from '@starling/protocol';
import { ec, hash } from 'starknet';
import { hex, Rng } from '../helpers/random.ts';
import { readVector } from '../helpers/vectors.ts';

describe('L1↔L2 message hashes vs starknet.js', () => {
  it('L1→L2 (getL2MessageHash) on random messages', () => {
    const r = new Rng(21);
    for (let i = 0; i < 30; i++) {
      const m = {
        fromAddress: r.bits(160),
        toAddress: r.felt(),
        selector: r.felt(),
        payload: r.felts(6),
        nonce: r.bits(64),
      };
      const expected = hash.getL2MessageHash(
        hex(m.fromAddress),
        hex(m.toAddress),
        hex(m.selector),
        m.payload.map(hex),
        hex(m.nonce),
      );
      assert.equal(l1ToL2MessageHash(m), BigInt(expected));
    }
  });
  it('L2→L1 (getL1MessageHash) on random messages', () => {
    const r = new Rng(22);
    for (let i = 0; i < 30; i++) {
      const [from, to, payload] = [r.felt(), r.bits(160), r.felts(6)];
      assert.equal(
        l2ToL1MessageHash(from, to, payload),
        BigInt(hash.getL1MessageHash(hex(from), hex(to), payload.map(hex))),
      );
    }
  });
  it('mainnet L1 handler 0x63f3…3f12: transaction hash and message hash (vector quoted by pathfinder from starkscan)', () => {
    const tx = parseTransactionWithHash({
      type: 'L1_HANDLER',
      transaction_hash: '0x63f36452a4255a9d3f06def95a08bbc295f0de0515adefbf04ee795ed4c3f12',
      version: '0x0',
      contract_address: '0x73314940630fd6dcda0d772d4c972c4e0a9946bef9dabf4ef84eda8ef542b82',
      entry_point_selector: '0x2d757788a8d8d6f21d1cd40bce38a8222d70654214e96ff95d8086e684fbee5',
      nonce: '0x17824b',
      calldata: [
        '0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419',
        '0x2c63ec1313901744d1321b93bda51418cc18998a1562d368960711367f7530f',
        '0x11e14e1039c000',
        '0x0',
      ],
    });
    assert.ok(tx.type === 'L1_HANDLER');
    assert.equal(calculateTransactionHash(tx, encodeShortString('SN_MAIN')), tx.transactionHash);
    assert.equal(
      l1ToL2MessageHash(messageFromL1Handler(tx)),
      0x573aeff3cf703775e8a76a27adee9e80f2ce558a6a38ec87e0249a8b175e5c1an,
    );
  });
  it('an L1 handler transaction maps to its message', () => {
    const tx = {
      type: 'L1_HANDLER' as const,
      version: 0 as const,
      contractAddress: 5n,
      entryPointSelector: 7n,
      calldata: [0xabcn, 1n, 2n],
      nonce: 9n,
    };
    assert.deepEqual(messageFromL1Handler(tx), {
      fromAddress: 0xabcn,
      toAddress: 5n,
      selector: 7n,
      payload: [1n, 2n],
      nonce: 9n,
    });
    assert.throws(() => messageFromL1Handler({ ...tx, calldata: [] }), ProtocolError);
  });
});

describe('storage variable addresses', () => {
  it('match sn_keccak + Pedersen folding computed with starknet.js primitives', () => {
    const r = new Rng(23);
    for (let i = 0; i < 20; i++) {
      const name = r.name();
      const keys = r.felts(3);
      let acc = BigInt(hash.starknetKeccak(name));
      for (const k of keys) acc = BigInt(ec.starkCurve.pedersen(acc, k));
      assert.equal(getStorageVarAddress(name, ...keys), acc % ((1n << 251n) - 256n));
    }
  });
  it('ERC20_balances(account) keys appear in a real state diff (Sepolia integration block 35748)', () => {
    const update = parseGatewayStateUpdate(
      readVector('blocks', '0.13.2_sepolia_integration_35748.state_update.json'),
    );
    const eth = update.stateDiff.storageDiffs.find(
      (s) => s.address === 0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7n,
    );
    assert.ok(eth);
    const keys = new Set(eth.entries.map((e) => e.key));
    // The declaring account and the sequencer pay / receive the fee.
    assert.ok(
      keys.has(
        getStorageVarAddress(
          'ERC20_balances',
          0x472aa8128e01eb0df145810c9511a92852d62a68ba8198ce5fa414e6337a365n,
        ),
      ),
    );
    assert.ok(
      keys.has(
        getStorageVarAddress(
          'ERC20_balances',
          0x1176a1bd84444c89232ec27754698e5d2e7e1a7f1539f12027f28b23ec9f3d8n,
        ),
      ),
    );
  });
});
