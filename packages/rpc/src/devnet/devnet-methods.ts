import { toFelt } from '@starling/felt';
import { Ajv } from 'ajv';
import { RpcError } from '../errors/rpc-error.js';
import type { MethodEntry, ParamDef } from '../jsonrpc/method-entry.js';
import type { DevnetApi, GasPriceUpdate, MessageToL1, MessageToL2 } from './devnet-api.js';

// Param shapes as starknet-devnet documents them (website/static/devnet_api.json and docs).
const ADDRESS = { type: 'string', pattern: '^0x[a-fA-F0-9]{1,64}$' };
const U64 = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const AMOUNT = {
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$' },
  ],
};
const PATH = { type: 'string', minLength: 1, maxLength: 4096 };
const FELT = { type: 'string', pattern: '^0x[a-fA-F0-9]{1,64}$' };
const FELTS = { type: 'array', maxItems: 10_000, items: FELT };
// An L1 (Ethereum) address: 20 bytes.
const ETH_ADDRESS = { type: 'string', pattern: '^0x[a-fA-F0-9]{1,40}$' };
const BLOCK_ID = {
  anyOf: [
    { enum: ['latest', 'pre_confirmed', 'l1_accepted'] },
    {
      type: 'object',
      properties: { block_number: { type: 'integer', minimum: 0 } },
      required: ['block_number'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { block_hash: FELT },
      required: ['block_hash'],
      additionalProperties: false,
    },
  ],
};
// A positive price below 2^128 (devnet's NonZeroU128): a JSON number or an integer string.
const PRICE = AMOUNT;
const GAS_PRICE_PARAMS = [
  'gas_price_wei',
  'data_gas_price_wei',
  'gas_price_fri',
  'data_gas_price_fri',
  'l2_gas_price_wei',
  'l2_gas_price_fri',
] as const;

const ajv = new Ajv({ strict: true, allErrors: false });

function param(name: string, required: boolean, schema: object): ParamDef {
  const fn = ajv.compile(schema);
  return {
    name,
    required,
    validate: (v) => (fn(v) ? null : ajv.errorsText(fn.errors, { dataVar: `param '${name}'` })),
  };
}

/** Decodes a devnet amount (JSON number or decimal/hex string) to an exact non-negative integer. */
export function decodeAmount(value: unknown): bigint {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0)
      throw new RpcError('INVALID_PARAMS', 'amount must be non-negative');
    return BigInt(Math.trunc(value));
  }
  if (typeof value === 'string') return BigInt(value);
  throw new RpcError('INVALID_PARAMS', 'amount must be a number or an integer string');
}

/** The devnet_* methods, validated and dispatched to `api`. */
export function devnetMethods(api: DevnetApi): MethodEntry[] {
  const m = (name: string, params: ParamDef[], handler: MethodEntry['handler']): MethodEntry => ({
    name: `devnet_${name}`,
    params,
    handler,
  });
  return [
    m('getPredeployedAccounts', [param('with_balance', false, { type: 'boolean' })], (p, c) =>
      api.getPredeployedAccounts(p as { with_balance?: boolean }, c),
    ),
    m('createBlock', [], (_p, c) => api.createBlock({}, c)),
    m(
      'mint',
      [
        param('address', true, ADDRESS),
        param('amount', true, AMOUNT),
        param('unit', false, { enum: ['WEI', 'FRI'] }),
      ],
      (p, c) => {
        const address = p.address as string;
        toFelt(address); // range check: a FeltError becomes -32602
        const unit = (p.unit as 'WEI' | 'FRI' | undefined) ?? 'FRI';
        return api.mint({ address, amount: decodeAmount(p.amount), unit }, c);
      },
    ),
    m('setTime', [param('time', true, U64), param('generate_block', false, { type: 'boolean' })], (p, c) =>
      api.setTime(p as { time: number; generate_block?: boolean }, c),
    ),
    m('increaseTime', [param('time', true, U64)], (p, c) => api.increaseTime(p as { time: number }, c)),
    m('dump', [param('path', false, PATH)], (p, c) => api.dump(p as { path?: string }, c)),
    m('load', [param('path', true, PATH)], (p, c) => api.load(p as { path: string }, c)),
    m('getConfig', [], (_p, c) => api.getConfig({}, c)),
    m(
      'getAccountBalance',
      [
        param('address', true, ADDRESS),
        param('unit', false, { enum: ['WEI', 'FRI'] }),
        param('block_id', false, BLOCK_ID),
      ],
      (p, c) => {
        toFelt(p.address as string);
        const unit = (p.unit as 'WEI' | 'FRI' | undefined) ?? 'FRI';
        return api.getAccountBalance({ ...(p as { address: string }), unit }, c);
      },
    ),
    m(
      'setGasPrice',
      [
        ...GAS_PRICE_PARAMS.map((n) => param(n, false, PRICE)),
        param('generate_block', false, { type: 'boolean' }),
      ],
      (p, c) => {
        const update: GasPriceUpdate = {};
        for (const n of GAS_PRICE_PARAMS) {
          if (p[n] === undefined) continue;
          const v = decodeAmount(p[n]);
          if (v <= 0n || v >= 1n << 128n)
            throw new RpcError('INVALID_PARAMS', `${n} must be a positive integer below 2^128`);
          update[n] = v;
        }
        if (p.generate_block !== undefined) update.generate_block = p.generate_block as boolean;
        return api.setGasPrice(update, c);
      },
    ),
    m('acceptOnL1', [param('starting_block_id', true, BLOCK_ID)], (p, c) =>
      api.acceptOnL1(p as { starting_block_id: never }, c),
    ),
    m('abortBlocks', [param('starting_block_id', true, BLOCK_ID)], (p, c) =>
      api.abortBlocks(p as { starting_block_id: never }, c),
    ),
    m('restart', [param('restart_l1_to_l2_messaging', false, { type: 'boolean' })], (p, c) =>
      api.restart(p as { restart_l1_to_l2_messaging?: boolean }, c),
    ),
    m(
      'postmanSendMessageToL2',
      [
        param('l2_contract_address', true, ADDRESS),
        param('entry_point_selector', true, FELT),
        param('l1_contract_address', true, ETH_ADDRESS),
        param('payload', true, FELTS),
        param('paid_fee_on_l1', true, FELT),
        param('nonce', true, FELT),
      ],
      (p, c) => {
        for (const k of ['l2_contract_address', 'entry_point_selector', 'paid_fee_on_l1', 'nonce'])
          toFelt(p[k] as string);
        for (const x of p.payload as string[]) toFelt(x);
        return api.postmanSendMessageToL2(p as unknown as MessageToL2, c);
      },
    ),
    m(
      'postmanConsumeMessageFromL2',
      [
        param('from_address', true, ADDRESS),
        param('to_address', true, ETH_ADDRESS),
        param('payload', true, FELTS),
      ],
      (p, c) => {
        toFelt(p.from_address as string);
        for (const x of p.payload as string[]) toFelt(x);
        return api.postmanConsumeMessageFromL2(p as unknown as MessageToL1, c);
      },
    ),
  ];
}
