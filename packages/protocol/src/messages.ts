// L1↔L2 message hashes as StarknetMessaging.sol computes them: keccak256 over 32-byte big-endian words.
import { keccak256 } from '@starling/crypto';
import { toBytes32 } from '@starling/felt';
import { ProtocolError } from './errors.js';
import type { L1Handler } from './types.js';

const U256 = 1n << 256n;

function packedKeccak(words: readonly bigint[]): bigint {
  const bytes = new Uint8Array(words.length * 32);
  words.forEach((w, i) => {
    if (w < 0n || w >= U256)
      throw new ProtocolError('INVALID_FIELD', 'message word does not fit in 256 bits');
    bytes.set(toBytes32(w), i * 32);
  });
  let v = 0n;
  for (const b of keccak256(bytes)) v = (v << 8n) | BigInt(b);
  return v;
}

/** An L1→L2 message as sent by sendMessageToL2. */
export interface MessageToL2 {
  fromAddress: bigint;
  toAddress: bigint;
  selector: bigint;
  payload: readonly bigint[];
  nonce: bigint;
}

/** keccak256(from, to, nonce, selector, payload.length, payload…): the key of l1ToL2Messages on L1. */
export function l1ToL2MessageHash(m: MessageToL2): bigint {
  return packedKeccak([
    m.fromAddress,
    m.toAddress,
    m.nonce,
    m.selector,
    BigInt(m.payload.length),
    ...m.payload,
  ]);
}

/** The L1→L2 message an L1_HANDLER transaction consumes (calldata = [from_address, ...payload]). */
export function messageFromL1Handler(tx: L1Handler): MessageToL2 {
  const [from, ...payload] = tx.calldata;
  if (from === undefined)
    throw new ProtocolError('INVALID_LENGTH', 'L1 handler calldata lacks the L1 sender address');
  return {
    fromAddress: from,
    toAddress: tx.contractAddress,
    selector: tx.entryPointSelector,
    payload,
    nonce: tx.nonce,
  };
}

/** keccak256(from, to, payload.length, payload…): the key of l2ToL1Messages on L1. */
export function l2ToL1MessageHash(
  fromAddress: bigint,
  toAddress: bigint,
  payload: readonly bigint[],
): bigint {
  return packedKeccak([fromAddress, toAddress, BigInt(payload.length), ...payload]);
}
