// Builds the typed view of a versioned-constants JSON file, with typed errors for missing or bad fields.
import { ProtocolError } from '../errors.js';
import type {
  ArchivalDataGasCosts,
  GasAmounts,
  OsConstants,
  Ratio,
  ResourcesParams,
  VersionedConstants,
  VmResources,
} from './versioned-constants-types.js';

type Obj = Record<string, unknown>;

const bad = (path: string, what: string) =>
  new ProtocolError('INVALID_VERSIONED_CONSTANTS', `${path}: ${what}`, { path });

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path, 'expected an object');
  return v as Obj;
}
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(path, 'expected a number');
  return v;
}
function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw bad(path, 'expected a boolean');
  return v;
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw bad(path, 'expected a string');
  return v;
}
function hexFelt(v: unknown, path: string): bigint {
  const s = str(v, path);
  if (!/^0x[0-9a-fA-F]+$/.test(s)) throw bad(path, 'expected a hex felt');
  return BigInt(s);
}
function ratio(v: unknown, path: string): Ratio {
  if (!Array.isArray(v) || v.length !== 2) throw bad(path, 'expected [numerator, denominator]');
  const denominator = num(v[1], `${path}[1]`);
  if (denominator === 0) throw bad(path, 'zero denominator');
  return { numerator: num(v[0], `${path}[0]`), denominator };
}
function gasAmounts(v: unknown, path: string): GasAmounts {
  const o = obj(v, path);
  return {
    l1Gas: num(o.l1_gas, `${path}.l1_gas`),
    l1DataGas: num(o.l1_data_gas, `${path}.l1_data_gas`),
    l2Gas: num(o.l2_gas, `${path}.l2_gas`),
  };
}
function archival(v: unknown, path: string): ArchivalDataGasCosts {
  const o = obj(v, path);
  return {
    gasPerDataFelt: ratio(o.gas_per_data_felt, `${path}.gas_per_data_felt`),
    eventKeyFactor: ratio(o.event_key_factor, `${path}.event_key_factor`),
    gasPerCodeByte: ratio(o.gas_per_code_byte, `${path}.gas_per_code_byte`),
    gasPerProof:
      o.gas_per_proof === undefined
        ? { numerator: 0, denominator: 1 }
        : ratio(o.gas_per_proof, `${path}.gas_per_proof`),
  };
}
function vmResources(v: unknown, path: string): VmResources {
  const o = obj(v, path);
  const counter =
    o.builtin_instance_counter === undefined
      ? {}
      : obj(o.builtin_instance_counter, `${path}.builtin_instance_counter`);
  const builtins: Record<string, number> = {};
  for (const [k, c] of Object.entries(counter)) builtins[k] = num(c, `${path}.builtin_instance_counter.${k}`);
  return {
    nSteps: num(o.n_steps, `${path}.n_steps`),
    nMemoryHoles: num(o.n_memory_holes ?? 0, `${path}.n_memory_holes`),
    builtins,
  };
}
// Older files split resources into {constant, calldata_factor}; newer ones give the constant part only.
function resourcesParams(v: unknown, path: string): ResourcesParams {
  const o = obj(v, path);
  if (o.constant !== undefined) {
    const factor = obj(o.calldata_factor ?? { n_steps: 0 }, `${path}.calldata_factor`);
    // Newest form: {resources, scaling_factor}; older: the resources directly.
    if (factor.resources !== undefined) {
      return {
        constant: vmResources(o.constant, `${path}.constant`),
        calldataFactor: vmResources(factor.resources, `${path}.calldata_factor.resources`),
        calldataScalingFactor: num(factor.scaling_factor, `${path}.calldata_factor.scaling_factor`),
      };
    }
    return {
      constant: vmResources(o.constant, `${path}.constant`),
      calldataFactor: vmResources(factor, `${path}.calldata_factor`),
      calldataScalingFactor: 1,
    };
  }
  return {
    constant: vmResources(o, path),
    calldataFactor: { nSteps: 0, nMemoryHoles: 0, builtins: {} },
    calldataScalingFactor: 1,
  };
}
function paramsMap(v: unknown, path: string): Record<string, ResourcesParams> {
  const out: Record<string, ResourcesParams> = {};
  for (const [k, e] of Object.entries(obj(v, path))) out[k] = resourcesParams(e, `${path}.${k}`);
  return out;
}

function osConstants(v: unknown, path: string): OsConstants {
  const o = obj(v, path);
  const builtinGasCosts: Record<string, number> = {};
  for (const [k, c] of Object.entries(obj(o.builtin_gas_costs, `${path}.builtin_gas_costs`))) {
    builtinGasCosts[k] = num(c, `${path}.builtin_gas_costs.${k}`);
  }
  // Some constants are linear formulas over others: {name: coefficient, ...}.
  const resolve = (value: unknown, p: string, depth = 0): number => {
    if (typeof value === 'number') return value;
    if (depth > 8) throw bad(p, 'formula nesting too deep');
    let total = 0;
    for (const [name, coeff] of Object.entries(obj(value, p))) {
      const ref = o[name] !== undefined ? o[name] : builtinGasCosts[name];
      if (ref === undefined) throw bad(p, `unknown constant ${name}`);
      total += num(coeff, `${p}.${name}`) * resolve(ref, `${path}.${name}`, depth + 1);
    }
    return total;
  };
  const n = (key: string) => resolve(o[key], `${path}.${key}`);
  const rounding = obj(o.validate_rounding_consts, `${path}.validate_rounding_consts`);
  const addresses = obj(o.os_contract_addresses, `${path}.os_contract_addresses`);
  const out: OsConstants = {
    builtinGasCosts,
    stepGasCost: n('step_gas_cost'),
    memoryHoleGasCost: n('memory_hole_gas_cost'),
    syscallBaseGasCost: n('syscall_base_gas_cost'),
    entryPointInitialBudget: n('entry_point_initial_budget'),
    defaultInitialGasCost: n('default_initial_gas_cost'),
    executeMaxSierraGas: n('execute_max_sierra_gas'),
    validateMaxSierraGas: n('validate_max_sierra_gas'),
    storedBlockHashBuffer: n('stored_block_hash_buffer'),
    sierraArrayLenBound: n('sierra_array_len_bound'),
    l1HandlerVersion: n('l1_handler_version'),
    validateBlockNumberRounding: num(
      rounding.validate_block_number_rounding,
      `${path}.validate_rounding_consts`,
    ),
    validateTimestampRounding: num(rounding.validate_timestamp_rounding, `${path}.validate_rounding_consts`),
    constructorEntryPointSelector: hexFelt(
      o.constructor_entry_point_selector,
      `${path}.constructor_entry_point_selector`,
    ),
    executeEntryPointSelector: hexFelt(
      o.execute_entry_point_selector,
      `${path}.execute_entry_point_selector`,
    ),
    transferEntryPointSelector: hexFelt(
      o.transfer_entry_point_selector,
      `${path}.transfer_entry_point_selector`,
    ),
    validateEntryPointSelector: hexFelt(
      o.validate_entry_point_selector,
      `${path}.validate_entry_point_selector`,
    ),
    validateDeclareEntryPointSelector: hexFelt(
      o.validate_declare_entry_point_selector,
      `${path}.validate_declare_entry_point_selector`,
    ),
    validateDeployEntryPointSelector: hexFelt(
      o.validate_deploy_entry_point_selector,
      `${path}.validate_deploy_entry_point_selector`,
    ),
    defaultEntryPointSelector: hexFelt(
      o.default_entry_point_selector,
      `${path}.default_entry_point_selector`,
    ),
    blockHashContractAddress: BigInt(
      num(addresses.block_hash_contract_address, `${path}.os_contract_addresses`),
    ),
    aliasContractAddress: BigInt(num(addresses.alias_contract_address, `${path}.os_contract_addresses`)),
    reservedContractAddress: BigInt(
      num(addresses.reserved_contract_address, `${path}.os_contract_addresses`),
    ),
  };
  if (o.l1_handler_max_amount_bounds !== undefined) {
    out.l1HandlerMaxAmountBounds = gasAmounts(
      o.l1_handler_max_amount_bounds,
      `${path}.l1_handler_max_amount_bounds`,
    );
  }
  if (o.syscall_gas_costs !== undefined) {
    const costs: Record<string, number> = {};
    for (const [k, f] of Object.entries(obj(o.syscall_gas_costs, `${path}.syscall_gas_costs`))) {
      costs[k] = resolve(f, `${path}.syscall_gas_costs.${k}`);
    }
    out.syscallGasCosts = costs;
  }
  return out;
}

/** Reads the typed view of a parsed versioned-constants file. */
export function readVersionedConstants(version: string, json: unknown): VersionedConstants {
  const r = obj(json, 'versioned_constants');
  const limits = obj(r.tx_event_limits, 'tx_event_limits');
  const gateway = obj(r.gateway, 'gateway');
  const alloc = obj(r.allocation_cost, 'allocation_cost');
  const vmFee = obj(r.vm_resource_fee_cost, 'vm_resource_fee_cost');
  const builtinFees: Record<string, Ratio> = {};
  for (const [k, v] of Object.entries(obj(vmFee.builtins, 'vm_resource_fee_cost.builtins'))) {
    builtinFees[k] = ratio(v, `vm_resource_fee_cost.builtins.${k}`);
  }
  const osRes = obj(r.os_resources, 'os_resources');
  const flag = (k: string) => bool(r[k], k);
  return {
    version,
    raw: r,
    txEventLimits: {
      maxDataLength: num(limits.max_data_length, 'tx_event_limits.max_data_length'),
      maxKeysLength: num(limits.max_keys_length, 'tx_event_limits.max_keys_length'),
      maxNEmittedEvents: num(limits.max_n_emitted_events, 'tx_event_limits.max_n_emitted_events'),
    },
    gateway: {
      maxCalldataLength: num(gateway.max_calldata_length, 'gateway.max_calldata_length'),
      maxContractBytecodeSize: num(gateway.max_contract_bytecode_size, 'gateway.max_contract_bytecode_size'),
    },
    invokeTxMaxNSteps: num(r.invoke_tx_max_n_steps, 'invoke_tx_max_n_steps'),
    validateMaxNSteps: num(r.validate_max_n_steps, 'validate_max_n_steps'),
    maxRecursionDepth: num(r.max_recursion_depth, 'max_recursion_depth'),
    archivalDataGasCosts: archival(r.archival_data_gas_costs, 'archival_data_gas_costs'),
    deprecatedL2ResourceGasCosts: archival(
      r.deprecated_l2_resource_gas_costs,
      'deprecated_l2_resource_gas_costs',
    ),
    allocationCost: {
      blobCost: gasAmounts(alloc.blob_cost, 'allocation_cost.blob_cost'),
      gasCost: gasAmounts(alloc.gas_cost, 'allocation_cost.gas_cost'),
    },
    vmResourceFeeCost: {
      nSteps: ratio(vmFee.n_steps, 'vm_resource_fee_cost.n_steps'),
      builtins: builtinFees,
    },
    minSierraVersionForSierraGas: str(
      r.min_sierra_version_for_sierra_gas,
      'min_sierra_version_for_sierra_gas',
    ),
    flags: {
      enableReverts: flag('enable_reverts'),
      enableTip: flag('enable_tip'),
      enableCasmHashMigration: flag('enable_casm_hash_migration'),
      blockCasmHashV1Declares: flag('block_casm_hash_v1_declares'),
      enableStatefulCompression: flag('enable_stateful_compression'),
      comprehensiveStateDiff: flag('comprehensive_state_diff'),
      disableCairo0Redeclaration: flag('disable_cairo0_redeclaration'),
      blockDirectExecuteCall: flag('block_direct_execute_call'),
      ignoreInnerEventResources: flag('ignore_inner_event_resources'),
      disableDeployInValidationMode: flag('disable_deploy_in_validation_mode'),
      segmentArenaCells: flag('segment_arena_cells'),
      stripVmFramesInSierraGas: flag('strip_vm_frames_in_sierra_gas'),
    },
    os: osConstants(r.os_constants, 'os_constants'),
    osResources: {
      executeSyscalls: paramsMap(osRes.execute_syscalls, 'os_resources.execute_syscalls'),
      executeTxsInner: paramsMap(osRes.execute_txs_inner, 'os_resources.execute_txs_inner'),
      computeOsKzgCommitmentInfo: vmResources(
        osRes.compute_os_kzg_commitment_info,
        'os_resources.compute_os_kzg_commitment_info',
      ),
    },
  };
}
