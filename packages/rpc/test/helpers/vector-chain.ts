// RPC-shaped data derived from an official block vector (Sepolia-integration block 3077642, Starknet 0.14.1,
// feeder-gateway format): the header, transactions, receipts and state update, mapped field by field to
// the OpenRPC 0.10.3 shapes. Nothing here is invented; only the gateway → RPC renaming is ours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import type {
  BLOCK_HEADER,
  EMITTED_EVENT,
  STATE_UPDATE,
  TXN_RECEIPT_WITH_BLOCK_INFO,
  TXN_WITH_HASH,
} from '../../src/index.ts';

type Json = Record<string, unknown>;
type GasPrice = { price_in_wei: string; price_in_fri: string };
type GwBounds = Record<
  'L1_GAS' | 'L2_GAS' | 'L1_DATA_GAS',
  { max_amount: string; max_price_per_unit: string }
>;

const file = join(vectorsDir, 'blocks', '0.14.1_sepolia_integration_3077642.state_update_with_block.json');
const raw = JSON.parse(readFileSync(file, 'utf8')) as { block: Json; state_update: Json };
const b = raw.block as Json & {
  transactions: Json[];
  transaction_receipts: (Json & { events: { from_address: string; keys: string[]; data: string[] }[] })[];
};

const da = (m: unknown) => (m === 0 ? 'L1' : 'L2') as 'L1' | 'L2';
const price = (p: GasPrice) => ({ price_in_wei: p.price_in_wei, price_in_fri: p.price_in_fri });

/** The block header in RPC form. */
export const header: BLOCK_HEADER = {
  block_hash: b.block_hash as string,
  parent_hash: b.parent_block_hash as string,
  block_number: b.block_number as number,
  new_root: b.state_root as string,
  timestamp: b.timestamp as number,
  sequencer_address: b.sequencer_address as string,
  l1_gas_price: price(b.l1_gas_price as GasPrice),
  l2_gas_price: price(b.l2_gas_price as GasPrice),
  l1_data_gas_price: price(b.l1_data_gas_price as GasPrice),
  l1_da_mode: b.l1_da_mode as 'BLOB',
  starknet_version: b.starknet_version as string,
  event_commitment: b.event_commitment as string,
  transaction_commitment: b.transaction_commitment as string,
  receipt_commitment: b.receipt_commitment as string,
  state_diff_commitment: b.state_diff_commitment as string,
  event_count: b.transaction_receipts.reduce((n, r) => n + r.events.length, 0),
  transaction_count: b.transactions.length,
  state_diff_length: b.state_diff_length as number,
};

/** The block's status as the vector records it. */
export const blockStatus = b.status as 'ACCEPTED_ON_L1';

/** The transactions (all INVOKE v3 in this block) in RPC form. */
export const transactions: TXN_WITH_HASH[] = b.transactions.map((t) => {
  const rb = t.resource_bounds as GwBounds;
  return {
    transaction_hash: t.transaction_hash as string,
    type: 'INVOKE',
    version: '0x3',
    sender_address: t.sender_address as string,
    calldata: t.calldata as string[],
    signature: t.signature as string[],
    nonce: t.nonce as string,
    resource_bounds: {
      l1_gas: rb.L1_GAS,
      l2_gas: rb.L2_GAS,
      l1_data_gas: rb.L1_DATA_GAS,
    },
    tip: t.tip as string,
    paymaster_data: t.paymaster_data as string[],
    account_deployment_data: t.account_deployment_data as string[],
    nonce_data_availability_mode: da(t.nonce_data_availability_mode),
    fee_data_availability_mode: da(t.fee_data_availability_mode),
  } as TXN_WITH_HASH;
});

/** The receipts in RPC form, with block info. */
export const receipts: TXN_RECEIPT_WITH_BLOCK_INFO[] = b.transaction_receipts.map((r) => {
  const gas = (r.execution_resources as { total_gas_consumed: Record<string, number> }).total_gas_consumed;
  const msgs = r.l2_to_l1_messages as { from_address: string; to_address: string; payload: string[] }[];
  const out: Json = {
    type: 'INVOKE',
    transaction_hash: r.transaction_hash,
    actual_fee: { amount: r.actual_fee, unit: 'FRI' },
    execution_status: r.execution_status,
    finality_status: 'ACCEPTED_ON_L1',
    messages_sent: msgs.map((m) => ({
      from_address: m.from_address,
      to_address: m.to_address,
      payload: m.payload,
    })),
    events: r.events.map((e) => ({ from_address: e.from_address, keys: e.keys, data: e.data })),
    execution_resources: { l1_gas: gas.l1_gas, l1_data_gas: gas.l1_data_gas, l2_gas: gas.l2_gas },
    block_hash: header.block_hash,
    block_number: header.block_number,
  };
  if (r.revert_error !== undefined) out.revert_reason = r.revert_error;
  return out as unknown as TXN_RECEIPT_WITH_BLOCK_INFO;
});

/** Every event of the block, in order, as EMITTED_EVENT. */
export const events: EMITTED_EVENT[] = b.transaction_receipts.flatMap((r, i) =>
  r.events.map((e, j) => ({
    from_address: e.from_address,
    keys: e.keys,
    data: e.data,
    block_hash: header.block_hash,
    block_number: header.block_number,
    transaction_hash: r.transaction_hash as string,
    transaction_index: i,
    event_index: j,
  })),
);

const sd = raw.state_update.state_diff as {
  storage_diffs: Record<string, { key: string; value: string }[]>;
  nonces: Record<string, string>;
  deployed_contracts: { address: string; class_hash: string }[];
  declared_classes: { class_hash: string; compiled_class_hash: string }[];
  old_declared_contracts: string[];
  replaced_classes: { address: string; class_hash: string }[];
  migrated_compiled_classes: { class_hash: string; compiled_class_hash: string }[];
};

/** The state update in RPC form. */
export const stateUpdate: STATE_UPDATE = {
  block_hash: raw.state_update.block_hash as string,
  old_root: raw.state_update.old_root as string,
  new_root: raw.state_update.new_root as string,
  state_diff: {
    storage_diffs: Object.entries(sd.storage_diffs).map(([address, entries]) => ({
      address,
      storage_entries: entries.map((e) => ({ key: e.key, value: e.value })),
    })),
    deprecated_declared_classes: sd.old_declared_contracts,
    declared_classes: sd.declared_classes,
    migrated_compiled_classes: sd.migrated_compiled_classes,
    deployed_contracts: sd.deployed_contracts,
    replaced_classes: sd.replaced_classes.map((c) => ({
      contract_address: c.address,
      class_hash: c.class_hash,
    })),
    nonces: Object.entries(sd.nonces).map(([contract_address, nonce]) => ({ contract_address, nonce })),
  },
};

/** Storage values written in this block: contract → key → value. */
export const storage = new Map(
  Object.entries(sd.storage_diffs).map(([address, entries]) => [
    BigInt(address),
    new Map(entries.map((e) => [BigInt(e.key), e.value])),
  ]),
);

/** Class hash of each contract deployed in this block. */
export const classHashAt = new Map(sd.deployed_contracts.map((c) => [BigInt(c.address), c.class_hash]));

/** Nonce of each account that sent transactions in this block. */
export const nonces = new Map(Object.entries(sd.nonces).map(([a, n]) => [BigInt(a), n]));
