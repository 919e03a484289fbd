import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pedersen } from '@starling/crypto';
import { P, StarlingError } from '@starling/felt';
import {
  calculateBlockHash,
  calculateClassHash,
  calculateCompiledClassHash,
  calculateTransactionHash,
  concatCounts,
  l2ToL1MessageHash,
  ProtocolError,
  parseCasmClass,
  parseGatewayBlock,
  parseReceipt,
  parseSierraClass,
  parseStarknetVersion,
  parseTransaction,
  patriciaRoot,
  type Transaction,
} from '@starling/protocol';

const code = (c: string) => (e: unknown) => e instanceof ProtocolError && e.code === c;
const typed = (e: unknown) => e instanceof StarlingError;

const invokeV3 = {
  type: 'INVOKE',
  version: '0x3',
  sender_address: '0x123',
  calldata: ['0x1', '0x2'],
  nonce: '0x1',
  signature: [],
  resource_bounds: {
    l1_gas: { max_amount: '0x10', max_price_per_unit: '0x20' },
    l2_gas: { max_amount: '0x10', max_price_per_unit: '0x20' },
    l1_data_gas: { max_amount: '0x10', max_price_per_unit: '0x20' },
  },
  tip: '0x0',
  paymaster_data: [],
  account_deployment_data: [],
  nonce_data_availability_mode: 'L1',
  fee_data_availability_mode: 'L1',
};

describe('bad transactions get typed errors', () => {
  it('the valid base parses', () => assert.equal(parseTransaction(invokeV3).type, 'INVOKE'));
  it('malformed hex, out-of-range and negative values', () => {
    assert.throws(() => parseTransaction({ ...invokeV3, sender_address: '0xzz' }), code('INVALID_FIELD'));
    assert.throws(
      () => parseTransaction({ ...invokeV3, sender_address: `0x${P.toString(16)}` }),
      code('INVALID_FIELD'),
    );
    assert.throws(() => parseTransaction({ ...invokeV3, nonce: '-1' }), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction({ ...invokeV3, nonce: -1 }), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction({ ...invokeV3, nonce: 1.5 }), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction({ ...invokeV3, calldata: ['0x1', null] }), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction({ ...invokeV3, tip: '0x10000000000000000' }), code('INVALID_FIELD'));
  });
  it('wrong widths of resource bounds', () => {
    const rb = (amount: string, price: string) => ({
      ...invokeV3,
      resource_bounds: {
        ...invokeV3.resource_bounds,
        l2_gas: { max_amount: amount, max_price_per_unit: price },
      },
    });
    assert.throws(() => parseTransaction(rb('0x10000000000000000', '0x1')), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction(rb('0x1', `0x1${'0'.repeat(32)}`)), code('INVALID_FIELD'));
  });
  it('missing fields and wrong shapes', () => {
    const { calldata: _c, ...noCalldata } = invokeV3;
    assert.throws(() => parseTransaction(noCalldata), code('MISSING_FIELD'));
    const { resource_bounds: _r, ...noBounds } = invokeV3;
    assert.throws(() => parseTransaction(noBounds), code('MISSING_FIELD'));
    assert.throws(() => parseTransaction({ ...invokeV3, calldata: '0x1' }), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction(null), code('INVALID_FIELD'));
    assert.throws(() => parseTransaction([invokeV3]), code('INVALID_FIELD'));
    assert.throws(
      () => parseTransaction({ ...invokeV3, nonce_data_availability_mode: 'L3' }),
      code('INVALID_FIELD'),
    );
  });
  it('unknown types and versions', () => {
    assert.throws(
      () => parseTransaction({ ...invokeV3, version: '0x4' }),
      code('UNSUPPORTED_TRANSACTION_VERSION'),
    );
    assert.throws(
      () => parseTransaction({ ...invokeV3, version: '0x2' }),
      code('UNSUPPORTED_TRANSACTION_VERSION'),
    );
    assert.throws(
      () => parseTransaction({ ...invokeV3, type: 'DEPLOY', version: '0x3' }),
      code('UNSUPPORTED_TRANSACTION_VERSION'),
    );
    assert.throws(
      () => parseTransaction({ ...invokeV3, type: 'TRANSFER' }),
      code('UNKNOWN_TRANSACTION_TYPE'),
    );
    const tx = parseTransaction(invokeV3);
    assert.throws(
      () => calculateTransactionHash({ ...tx, version: 4 } as unknown as Transaction, 1n),
      code('UNSUPPORTED_TRANSACTION_VERSION'),
    );
    assert.throws(
      () => calculateTransactionHash({ ...tx, type: 'X' } as unknown as Transaction, 1n),
      code('UNKNOWN_TRANSACTION_TYPE'),
    );
  });
  it('domain objects built in code are checked when hashed', () => {
    const tx = parseTransaction(invokeV3);
    assert.ok(tx.type === 'INVOKE' && tx.version === 3);
    assert.throws(() => calculateTransactionHash({ ...tx, calldata: [P] }, 1n), typed);
    assert.throws(() => calculateTransactionHash({ ...tx, tip: -1n }, 1n), code('INVALID_FIELD'));
    const bounds = { ...tx.resourceBounds, l1Gas: { maxAmount: 1n << 64n, maxPricePerUnit: 0n } };
    assert.throws(
      () => calculateTransactionHash({ ...tx, resourceBounds: bounds }, 1n),
      code('INVALID_FIELD'),
    );
  });
});

const casm = {
  prime: '0x800000000000011000000000000000000000000000000000000000000000001',
  compiler_version: '2.10.1',
  bytecode: ['0x1', '0x2', '0x3'],
  bytecode_segment_lengths: [1, 2],
  hints: [],
  entry_points_by_type: {
    EXTERNAL: [{ selector: '0x5', offset: 0, builtins: ['range_check'] }],
    L1_HANDLER: [],
    CONSTRUCTOR: [],
  },
};

describe('bad classes get typed errors', () => {
  it('the valid base hashes', () => assert.ok(calculateCompiledClassHash(parseCasmClass(casm)) > 0n));
  it('CASM', () => {
    assert.throws(() => parseCasmClass({ ...casm, prime: '0x7' }), code('INVALID_CLASS'));
    assert.throws(() => parseCasmClass({ ...casm, bytecode: ['0x1', 'zz'] }), code('INVALID_FIELD'));
    const { bytecode: _b, ...noBytecode } = casm;
    assert.throws(() => parseCasmClass(noBytecode), code('MISSING_FIELD'));
    const badOffset = {
      ...casm,
      entry_points_by_type: {
        ...casm.entry_points_by_type,
        EXTERNAL: [{ selector: '0x5', offset: 3, builtins: [] }],
      },
    };
    assert.throws(() => parseCasmClass(badOffset), code('INVALID_CLASS'));
    const badBuiltin = {
      ...casm,
      entry_points_by_type: {
        ...casm.entry_points_by_type,
        EXTERNAL: [{ selector: '0x5', offset: 0, builtins: [7] }],
      },
    };
    assert.throws(() => parseCasmClass(badBuiltin), code('INVALID_CLASS'));
    assert.throws(
      () => parseCasmClass({ ...casm, bytecode_segment_lengths: [1, -2] }),
      code('INVALID_FIELD'),
    );
    assert.throws(
      () => calculateCompiledClassHash(parseCasmClass({ ...casm, bytecode_segment_lengths: [1, 1] })),
      code('INVALID_BYTECODE_SEGMENTS'),
    );
    assert.throws(
      () => calculateCompiledClassHash(parseCasmClass({ ...casm, bytecode_segment_lengths: [2, [2]] })),
      code('INVALID_BYTECODE_SEGMENTS'),
    );
    assert.throws(
      () => calculateCompiledClassHash(parseCasmClass(casm), 'v3' as never),
      code('INVALID_FIELD'),
    );
  });
  it('Sierra', () => {
    const sierra = {
      sierra_program: ['0x1'],
      contract_class_version: '0.1.0',
      entry_points_by_type: { EXTERNAL: [{ selector: '0x1', function_idx: 0 }] },
      abi: '[]',
    };
    assert.ok(calculateClassHash(parseSierraClass(sierra)) > 0n);
    assert.throws(
      () => calculateClassHash(parseSierraClass({ ...sierra, contract_class_version: '0.2.0' })),
      code('INVALID_CLASS'),
    );
    assert.throws(() => parseSierraClass({ ...sierra, sierra_program: undefined }), code('MISSING_FIELD'));
    assert.throws(
      () =>
        parseSierraClass({
          ...sierra,
          entry_points_by_type: { EXTERNAL: [{ selector: '0x1', function_idx: -1 }] },
        }),
      code('INVALID_FIELD'),
    );
    assert.throws(
      () => parseSierraClass({ ...sierra, entry_points_by_type: { EXTERNAL: [{ selector: '0x1' }] } }),
      code('MISSING_FIELD'),
    );
  });
});

describe('bad blocks, trees and versions get typed errors', () => {
  it('block parsing', () => {
    const block = {
      parent_block_hash: '0x0',
      block_number: 1,
      timestamp: 1,
      transactions: [],
      transaction_receipts: [],
    };
    assert.equal(parseGatewayBlock(block).header.blockNumber, 1n);
    assert.throws(() => parseGatewayBlock({ ...block, block_number: undefined }), code('MISSING_FIELD'));
    assert.throws(() => parseGatewayBlock({ ...block, l1_da_mode: 'PIGEON' }), code('INVALID_FIELD'));
    assert.throws(() => parseGatewayBlock({ ...block, timestamp: '-5' }), code('INVALID_FIELD'));
    assert.throws(
      () => parseReceipt({ transaction_hash: '0x1', execution_status: 'MAYBE' }),
      code('INVALID_FIELD'),
    );
  });
  it('block hash inputs', () => {
    assert.throws(() => concatCounts(-1, 0, 0, 'BLOB'), code('INVALID_FIELD'));
    assert.throws(() => concatCounts(0, 2 ** 64, 0, 'BLOB'), code('INVALID_FIELD'));
    assert.throws(() => parseStarknetVersion('0.14'), code('UNSUPPORTED_STARKNET_VERSION'));
    assert.throws(() => parseStarknetVersion('v0.14.1'), code('UNSUPPORTED_STARKNET_VERSION'));
    const header = parseGatewayBlock({
      parent_block_hash: '0x0',
      block_number: 1,
      timestamp: 1,
      transactions: [],
      transaction_receipts: [],
      starknet_version: '0.13.1',
    }).header;
    assert.throws(() => calculateBlockHash(header), code('UNSUPPORTED_STARKNET_VERSION'));
  });
  it('patricia trees', () => {
    assert.throws(() => patriciaRoot([{ key: 1n << 64n, value: 1n }], 64, pedersen), code('INVALID_FIELD'));
    assert.throws(
      () =>
        patriciaRoot(
          [
            { key: 3n, value: 1n },
            { key: 3n, value: 2n },
          ],
          64,
          pedersen,
        ),
      code('INVALID_FIELD'),
    );
  });
  it('message words must fit 256 bits', () => {
    assert.throws(() => l2ToL1MessageHash(1n, 1n << 256n, []), code('INVALID_FIELD'));
  });
});
