// Node throughput over loopback JSON-RPC; the load comes from a child process (load-client.ts), so the
// node's process does only the node's work and its CPU time is what the node costs:
// - STRK transfers/s submitted over RPC and sequenced into 500 ms blocks with state commitment, on the
//   wall clock and per CPU-second of the node (the one-core figure on a shared machine), against
//   executing the same transfers directly (no RPC, gateway, pool or commitment);
// - p50 / p99 time from submission to ACCEPTED_ON_L2;
// - starknet_getStorageAt requests/s over HTTP, wall and per node CPU-second, against direct database reads.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ecdsaSign } from '@starling/crypto';
import { ExecutionState, executeTransaction, STRK_FEE_TOKEN_ADDRESS } from '@starling/execution';
import { calculateTransactionHash, getSelectorFromName, type InvokeV3 } from '@starling/protocol';
import { cpuMs, cpuOpsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';
import { StarlingNode } from '../src/index.ts';

const ACCOUNTS = 10;
const PER_ACCOUNT = 60;
const hex = (v: bigint) => `0x${v.toString(16)}`;

function transfer(
  node: StarlingNode,
  i: number,
  nonce: bigint,
): { tx: InvokeV3; wire: Record<string, unknown> } {
  const a = node.accounts[i];
  if (a === undefined) throw new RangeError(`no account ${i}`);
  const tx: InvokeV3 = {
    type: 'INVOKE',
    version: 3,
    senderAddress: a.address,
    calldata: [1n, STRK_FEE_TOKEN_ADDRESS, getSelectorFromName('transfer'), 3n, 0x1234n, 1n, 0n],
    signature: [],
    nonce,
    resourceBounds: {
      l1Gas: { maxAmount: 0n, maxPricePerUnit: 60_000_000_000n },
      l2Gas: { maxAmount: 20_000_000n, maxPricePerUnit: 10_000_000_000n },
      l1DataGas: { maxAmount: 2_000n, maxPricePerUnit: 60_000n },
    },
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
  };
  const sig = ecdsaSign(calculateTransactionHash(tx, node.options.chainId), a.privateKey);
  tx.signature = [sig.r, sig.s];
  const b = (x: { maxAmount: bigint; maxPricePerUnit: bigint }) => ({
    max_amount: hex(x.maxAmount),
    max_price_per_unit: hex(x.maxPricePerUnit),
  });
  const rb = tx.resourceBounds;
  const wire = {
    type: 'INVOKE',
    version: '0x3',
    sender_address: hex(a.address),
    calldata: tx.calldata.map(hex),
    signature: tx.signature.map(hex),
    nonce: hex(nonce),
    resource_bounds: { l1_gas: b(rb.l1Gas), l2_gas: b(rb.l2Gas), l1_data_gas: b(rb.l1DataGas ?? rb.l1Gas) },
    tip: '0x0',
    paymaster_data: [],
    account_deployment_data: [],
    nonce_data_availability_mode: 'L1',
    fee_data_availability_mode: 'L1',
  };
  return { tx, wire };
}

function startClient(): ChildProcess {
  return fork(new URL('./load-client.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx', '--conditions=@starling/source'],
  });
}

function runJob<T>(client: ChildProcess, job: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    client.once('message', (m: { ok: boolean; result?: T; error?: string }) =>
      m.ok ? resolve(m.result as T) : reject(new Error(m.error)),
    );
    client.send(job as object);
  });
}

async function transfers(client: ChildProcess): Promise<void> {
  const node = await StarlingNode.open({
    port: 0,
    accounts: ACCOUNTS,
    seed: 1n,
    blockMode: { kind: 'interval', ms: 500 },
  });
  const url = await node.start();
  const port = Number(new URL(url).port);
  const batches: ReturnType<typeof transfer>[][] = [];
  for (let n = 0; n < PER_ACCOUNT; n++)
    batches.push(node.accounts.map((_, i) => transfer(node, i, BigInt(n))));
  const all = batches.flat();
  // Baseline: the same transfers executed back to back on one state, nothing else (CPU time).
  const state = new ExecutionState(node.context.chain.latestState());
  const ctx = node.context.sequencer.nextContext();
  const c0 = cpuMs();
  for (const t of all) executeTransaction(state, ctx, t.tx, { strictNonce: true });
  const direct = (all.length * 1000) / (cpuMs() - c0);

  const closedAt = new Map<string, number>();
  let last = 0;
  node.context.sequencer.onBlock((b) => {
    const now = performance.timeOrigin + performance.now();
    for (const t of b.transactions) closedAt.set(hex(t.hash), now);
    last = now;
  });
  const rounds = batches.map((round) =>
    round.map((t): [string, string] => [
      hex(calculateTransactionHash(t.tx, node.options.chainId)),
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'starknet_addInvokeTransaction',
        params: { invoke_transaction: t.wire },
      }),
    ]),
  );
  const start = performance.timeOrigin + performance.now();
  const cpu0 = cpuMs();
  const sent = await runJob<Record<string, number>>(client, { kind: 'transfers', port, rounds });
  while (closedAt.size < all.length) await new Promise((r) => setTimeout(r, 20));
  const cpuSeconds = (cpuMs() - cpu0) / 1000;
  const seconds = (last - start) / 1000;
  const base = { value: direct, label: 'direct execution per CPU-second' };
  report('node transfers over RPC, 500 ms blocks with state commitment', all.length / seconds, 'tx/s', base);
  report(
    'node transfers over RPC per node CPU-second, 500 ms blocks with state commitment',
    all.length / cpuSeconds,
    'tx/s',
    base,
  );
  const latencies = Object.entries(sent).map(([h, t]) => (closedAt.get(h) ?? Number.NaN) - t);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  report('node time to ACCEPTED_ON_L2 p50 (500 ms blocks)', q(0.5), 'ms');
  report('node time to ACCEPTED_ON_L2 p99 (500 ms blocks)', q(0.99), 'ms');
  await node.stop();
}

async function storageReads(client: ChildProcess): Promise<void> {
  const node = await StarlingNode.open({ port: 0, accounts: 2, seed: 1n });
  const url = await node.start();
  const port = Number(new URL(url).port);
  const key = BigInt(getSelectorFromName('ERC20_balances')); // any key: a read is a read
  const db = node.context.db;
  const direct = cpuOpsPerSecond(
    () => {
      db.getStorageAt(STRK_FEE_TOKEN_ADDRESS, key, undefined);
    },
    1,
    500,
  );
  const base = { value: direct, label: 'direct database reads per CPU-second' };
  const body = (k: bigint, blockId: unknown) =>
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'starknet_getStorageAt',
      // Zero-padded to 64 digits: the spec's STORAGE_KEY pattern wants a leading digit below 8.
      params: {
        contract_address: hex(STRK_FEE_TOKEN_ADDRESS),
        key: `0x${k.toString(16).padStart(64, '0')}`,
        block_id: blockId,
      },
    });
  // Distinct random keys (no key repeats within a run), so no cache of repeated reads can answer.
  const randomKeys = (n: number) =>
    Array.from({ length: n }, () => BigInt(`0x${randomBytes(31).toString('hex')}`) >> 5n);
  const cases: [string, string[]][] = [
    ['one hot key at latest', [body(key, 'latest')]],
    ['distinct keys at latest', randomKeys(100_000).map((k) => body(k, 'latest'))],
    ['distinct keys at block 0', randomKeys(100_000).map((k) => body(k, { block_number: 0 }))],
  ];
  for (const [label, bodies] of cases) {
    const job = { kind: 'reads', port, bodies, ms: 300, concurrency: 16 };
    await runJob<number>(client, job); // warm-up
    const t = performance.now();
    const c0 = cpuMs();
    const count = await runJob<number>(client, { ...job, ms: 2000 });
    const cpuSeconds = (cpuMs() - c0) / 1000;
    const wall = (count * 1000) / (performance.now() - t);
    report(`node getStorageAt over HTTP, ${label} (16 keep-alive clients)`, wall, 'req/s', base);
    report(`node getStorageAt over HTTP per node CPU-second, ${label}`, count / cpuSeconds, 'req/s', base);
  }
  await node.stop();
}

const client = startClient();
try {
  if (selected('node transfers') || selected('ACCEPTED_ON_L2')) await transfers(client);
  if (selected('node getStorageAt')) await storageReads(client);
} finally {
  client.kill();
}
