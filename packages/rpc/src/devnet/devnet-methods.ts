import { toFelt } from '@starling/felt';
import { Ajv } from 'ajv';
import { RpcError } from '../errors/rpc-error.js';
import type { MethodEntry, ParamDef } from '../jsonrpc/method-entry.js';
import type { DevnetApi } from './devnet-api.js';

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
  ];
}
