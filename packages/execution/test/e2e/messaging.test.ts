// L1 handlers and L2→L1 messages on a real class with an #[l1_handler] (cairo/messaging.cairo, Sierra by
// wasm-cairo, CASM by the sierra package), declared by a signed DECLARE and deployed through the UDC.
// Oracles: starknet.js (transaction, class and message hashes), the RPC 0.10.3 schemas, the
// gas formulas of the reference computed by hand.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DeclareV3, L1Handler } from '@starling/protocol';
import { casmClassToJson, compileContractClass } from '@starling/sierra';
import { ec, hash } from 'starknet';
import {
  callContract,
  executeTransaction,
  feeTokenBalance,
  rpcReceipt,
  STRK_FEE_TOKEN_ADDRESS,
  sierraClassJson,
  transactionTrace,
  UDC_ADDRESS,
  udcGenesisClass,
} from '../../src/index.ts';
import type { TransactionExecutionInfo } from '../../src/types.ts';
import { sierraFixture } from '../helpers/artifacts.ts';
import { BOUNDS, type Chain, hex, jsBounds, makeChain, pair, sel, signedInvoke } from '../helpers/chain.ts';
import { checkSchema } from '../helpers/spec-schemas.ts';

const DECLARE_BOUNDS = {
  ...BOUNDS,
  l2Gas: { maxAmount: 600_000_000n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit },
};
/** Sending messages to L1 costs L1 gas, so those invokes bound it. */
const MSG_BOUNDS = {
  ...BOUNDS,
  l1Gas: { maxAmount: 100_000n, maxPricePerUnit: BOUNDS.l1Gas.maxPricePerUnit },
};
const L1_SENDER = 0x8453fc6cd1bcfe8d4dfc069c400b433054d47bdcn;
const L1_RECIPIENT = 0x1f9840a85d5af5bf1d1762f925bdaddc4201f984n;

/** LogMessageToL1 and the L1 message cost: (3 + n)·(512 + 612) + 20000 + 375 + 3·375 + (2 + n)·256. */
const l2ToL1Gas = (n: number): bigint => {
  const N = BigInt(n);
  return (3n + N) * 1124n + 20000n + 375n + 3n * 375n + (2n + N) * 256n;
};
/** Consuming an L1→L2 message: (5 + n)·(512 + 612) + 5000 + 375 + 4·375 + (3 + n)·256. */
const l1ToL2Gas = (n: number): bigint => {
  const N = BigInt(n);
  return (5n + N) * 1124n + 5000n + 375n + 4n * 375n + (3n + N) * 256n;
};

function allSchemasValid(r: TransactionExecutionInfo, receiptSchema: string): void {
  assert.equal(checkSchema(receiptSchema, rpcReceipt(r)), null);
  assert.equal(checkSchema('TXN_RECEIPT', rpcReceipt(r)), null);
  assert.equal(checkSchema('TRANSACTION_TRACE', transactionTrace(r), 'trace'), null);
}

describe('messaging contract: L1 handler and L2→L1 messages', () => {
  let chain: Chain;
  let contract: bigint;
  let classHash: bigint;

  before(async () => {
    chain = await makeChain(2, {}, udcGenesisClass());
    const [a] = pair(chain);
    const fixture = sierraFixture('messaging');
    classHash = BigInt(hash.computeContractClassHash(fixture.raw as never));
    const casmJson = casmClassToJson(compileContractClass(sierraClassJson(fixture.sierra)));
    const compiledClassHash = BigInt(hash.computeCompiledClassHashBlake(casmJson as never));
    const h = hash.calculateDeclareTransactionHash({
      classHash: hex(classHash),
      compiledClassHash: hex(compiledClassHash),
      senderAddress: hex(a.address),
      version: '0x3' as never,
      chainId: hex(chain.block.chainId) as never,
      nonce: hex(0n),
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 0 as never,
      feeDataAvailabilityMode: 0 as never,
      resourceBounds: jsBounds(DECLARE_BOUNDS),
      tip: 0,
      paymasterData: [],
    });
    const sig = ec.starkCurve.sign(h, hex(a.privateKey));
    const declare: DeclareV3 = {
      type: 'DECLARE',
      version: 3,
      senderAddress: a.address,
      classHash,
      compiledClassHash,
      signature: [sig.r, sig.s],
      nonce: 0n,
      resourceBounds: DECLARE_BOUNDS,
      tip: 0n,
      paymasterData: [],
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 'L1',
      feeDataAvailabilityMode: 'L1',
    };
    const d = executeTransaction(chain.state, chain.block, declare, { contractClass: fixture.sierra });
    assert.equal(d.transactionHash, BigInt(h));
    assert.equal(d.revertReason, undefined);
    const deploy = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(
        chain,
        a,
        [{ to: UDC_ADDRESS, selector: sel('deploy_contract'), calldata: [classHash, 5n, 0n, 0n] }],
        1n,
      ),
    );
    assert.equal(deploy.revertReason, undefined);
    contract = BigInt(hash.calculateContractAddressFromHash(hex(5n), hex(classHash), [], 0));
    assert.equal(chain.state.getClassHashAt(contract), classHash);
  });

  it('an L1 handler runs #[l1_handler] deposit: storage, event, hashes, gas and fee by hand', () => {
    const payload = [0xa11cen, 700n];
    const tx: L1Handler = {
      type: 'L1_HANDLER',
      version: 0,
      contractAddress: contract,
      entryPointSelector: sel('deposit'),
      calldata: [L1_SENDER, ...payload],
      nonce: 31n,
    };
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    const jsHash = hash.calculateL2MessageTxHash(
      hex(L1_SENDER),
      hex(contract),
      hex(sel('deposit')),
      payload.map(hex),
      hex(chain.block.chainId) as never,
      31,
    );
    assert.equal(r.transactionHash, BigInt(jsHash));
    const msgHash = hash.getL2MessageHash(
      hex(L1_SENDER),
      hex(contract),
      hex(sel('deposit')),
      payload.map(hex),
      31,
    );
    const receipt = rpcReceipt(r) as Record<string, unknown> & {
      events: { from_address: string; keys: string[]; data: string[] }[];
    };
    assert.equal(receipt.message_hash, hex(BigInt(msgHash)));
    // The handler's storage write is visible through the contract's own getter.
    const read = callContract(chain.state, chain.block, {
      contractAddress: contract,
      selector: sel('get_balance'),
      calldata: [0xa11cen],
    });
    assert.deepEqual(read.retdata, [700n]);
    // Deposited { #[key] from_address, user, amount }: keys [selector, from], data [user, amount].
    assert.deepEqual(receipt.events, [
      {
        from_address: hex(contract),
        keys: [hex(sel('Deposited')), hex(L1_SENDER)],
        data: [hex(0xa11cen), hex(700n)],
      },
    ]);
    assert.equal(r.executeCallInfo?.call.entryPointType, 'L1_HANDLER');
    // L1 gas: the consumed message with a 2-felt payload; L1 data gas: one contract with one
    // storage cell (2 + 2 words of 32 gas) plus 32 for the newly allocated key (0 → 700); no
    // nonce bump and no fee transfer on L2.
    assert.equal(r.gas.l1Gas, l1ToL2Gas(2));
    assert.equal(r.gas.l1DataGas, 32n * 4n + 32n);
    assert.equal(r.feeTransferCallInfo, undefined);
    const p = chain.block.gasPrices;
    assert.equal(
      r.actualFee,
      r.gas.l1Gas * p.l1Gas.priceInWei +
        r.gas.l1DataGas * p.l1DataGas.priceInWei +
        r.gas.l2Gas * p.l2Gas.priceInWei,
    );
    assert.deepEqual(receipt.actual_fee, { amount: hex(r.actualFee), unit: 'WEI' });
    allSchemasValid(r, 'L1_HANDLER_TXN_RECEIPT');
  });

  it('send_message_to_l1 appears in the receipt and the trace with from, to and payload', () => {
    const [a] = pair(chain);
    const nonce = chain.state.getNonceAt(a.address);
    const payload = [1n, 2n, 3n];
    const tx = signedInvoke(
      chain,
      a,
      [{ to: contract, selector: sel('send_to_l1'), calldata: [L1_RECIPIENT, 3n, ...payload] }],
      nonce,
      { resourceBounds: MSG_BOUNDS },
    );
    const seq0 = feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, chain.block.sequencerAddress);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    const receipt = rpcReceipt(r) as { messages_sent: unknown[] };
    assert.deepEqual(receipt.messages_sent, [
      { from_address: hex(contract), to_address: hex(L1_RECIPIENT), payload: payload.map(hex) },
    ]);
    const trace = transactionTrace(r) as {
      execute_invocation: { calls: { messages: unknown[]; contract_address: string }[] };
    };
    const inner = trace.execute_invocation.calls[0];
    assert.equal(inner?.contract_address, hex(contract));
    assert.deepEqual(inner?.messages, [
      { order: 0, from_address: hex(contract), to_address: hex(L1_RECIPIENT), payload: payload.map(hex) },
    ]);
    // The hash the core contract will key it by, as starknet.js computes it.
    const l1Hash = hash.getL1MessageHash(hex(contract), hex(L1_RECIPIENT), payload.map(hex));
    assert.match(l1Hash, /^0x[0-9a-f]+$/);
    // L1 gas is the message's alone (KZG DA); L1 data gas: sender nonce + sender balance.
    assert.equal(r.gas.l1Gas, l2ToL1Gas(3));
    assert.equal(r.gas.l1DataGas, 32n * 4n);
    const p = chain.block.gasPrices;
    assert.equal(
      r.actualFee,
      r.gas.l1Gas * p.l1Gas.priceInFri +
        r.gas.l1DataGas * p.l1DataGas.priceInFri +
        r.gas.l2Gas * p.l2Gas.priceInFri,
    );
    assert.equal(
      feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, chain.block.sequencerAddress),
      seq0 + r.actualFee,
    );
    allSchemasValid(r, 'INVOKE_TXN_RECEIPT');
  });

  it('messages of several calls keep their order; a revert drops them', () => {
    const [a] = pair(chain);
    const send = (to: bigint, payload: bigint[]) => ({
      to: contract,
      selector: sel('send_to_l1'),
      calldata: [to, BigInt(payload.length), ...payload],
    });
    const ok = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(
        chain,
        a,
        [send(L1_RECIPIENT, [7n]), send(L1_SENDER, [])],
        chain.state.getNonceAt(a.address),
        {
          resourceBounds: MSG_BOUNDS,
        },
      ),
    );
    assert.equal(ok.revertReason, undefined);
    assert.deepEqual((rpcReceipt(ok) as { messages_sent: unknown[] }).messages_sent, [
      { from_address: hex(contract), to_address: hex(L1_RECIPIENT), payload: [hex(7n)] },
      { from_address: hex(contract), to_address: hex(L1_SENDER), payload: [] },
    ]);
    assert.equal(ok.gas.l1Gas, l2ToL1Gas(1) + l2ToL1Gas(0));

    const failing = { to: contract, selector: sel('fail'), calldata: [0x626f6f6dn] };
    const bad = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [send(L1_RECIPIENT, [7n]), failing], chain.state.getNonceAt(a.address), {
        resourceBounds: MSG_BOUNDS,
      }),
    );
    assert.match(bad.revertReason ?? '', /0x626f6f6d \('boom'\)/);
    assert.deepEqual((rpcReceipt(bad) as { messages_sent: unknown[] }).messages_sent, []);
    assert.equal(bad.gas.l1Gas, 0n);
    allSchemasValid(bad, 'INVOKE_TXN_RECEIPT');
  });
});
