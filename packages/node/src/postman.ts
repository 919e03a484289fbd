// The devnet postman without an L1 node: messages to L2 run as L1 handler transactions, and messages
// sent to L1 by the chain's transactions can be consumed once each, as the L1 core contract would.
import { keccak256 } from '@starling/crypto';
import type { L1Handler } from '@starling/protocol';
import { type MessageToL1, type MessageToL2, RpcError } from '@starling/rpc';
import { hex, type NodeContext } from './api/context.js';

/** The L1 handler transaction a message to L2 becomes (calldata: the L1 sender, then the payload). */
export function l1HandlerOf(m: MessageToL2): L1Handler {
  return {
    type: 'L1_HANDLER',
    version: 0,
    contractAddress: BigInt(m.l2_contract_address),
    entryPointSelector: BigInt(m.entry_point_selector),
    calldata: [BigInt(m.l1_contract_address), ...m.payload.map((x) => BigInt(x))],
    nonce: BigInt(m.nonce),
  };
}

/** devnet_postmanSendMessageToL2: executes the L1 handler; its hash. */
export async function sendMessageToL2(c: NodeContext, m: MessageToL2): Promise<{ transaction_hash: string }> {
  return { transaction_hash: hex(await c.sequencer.addL1Handler(l1HandlerOf(m))) };
}

/** The L1 hash of an L2→L1 message: keccak256 of from, to, payload length and payload as 32-byte words. */
export function l2ToL1MessageHash(from: bigint, to: bigint, payload: readonly bigint[]): string {
  const words = [from, to, BigInt(payload.length), ...payload];
  const bytes = Buffer.concat(words.map((w) => Buffer.from(w.toString(16).padStart(64, '0'), 'hex')));
  return `0x${Buffer.from(keccak256(bytes)).toString('hex')}`;
}

type Sent = { from_address: string; to_address: string; payload: string[] };

/** devnet_postmanConsumeMessageFromL2: consumes one copy of a message sent by a stored transaction. */
export function consumeMessageFromL2(c: NodeContext, m: MessageToL1): { message_hash: string } {
  const from = BigInt(m.from_address);
  const to = BigInt(m.to_address);
  const payload = m.payload.map((x) => BigInt(x));
  const hash = l2ToL1MessageHash(from, to, payload);
  let sent = 0;
  const latest = c.db.latestBlockNumber() ?? 0;
  for (let n = 0; n <= latest; n++)
    for (const t of c.db.getBlockTransactions(n)) {
      const messages = (t.receipt as { messages_sent?: Sent[] }).messages_sent ?? [];
      for (const s of messages)
        if (l2ToL1MessageHash(BigInt(s.from_address), BigInt(s.to_address), s.payload.map(BigInt)) === hash)
          sent++;
    }
  const consumed = c.consumedMessages.get(hash) ?? 0;
  if (sent <= consumed)
    throw new RpcError('INVALID_PARAMS', `message ${hash} was not sent to L1 or is already consumed`);
  c.consumedMessages.set(hash, consumed + 1);
  return { message_hash: hash };
}
