// Node throughput over loopback JSON-RPC, node in-process:
// - STRK transfers/s submitted over RPC and sequenced into 500 ms blocks with state commitment,
//   against executing the same transfers directly (no RPC, gateway, pool or commitment);
// - p50 / p99 time from submission to ACCEPTED_ON_L2;
// - starknet_getStorageAt requests/s over HTTP, against direct database reads.
import { Agent, request } from 'node:http';
import { ecdsaSign } from '@starling/crypto';
import { ExecutionState, executeTransaction, STRK_FEE_TOKEN_ADDRESS } from '@starling/execution';
import { calculateTransactionHash, getSelectorFromName, type InvokeV3 } from '@starling/protocol';
import { opsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';
import { StarlingNode } from '../src/index.ts';

const ACCOUNTS = 10;
const PER_ACCOUNT = 30;
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

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function post(port: number, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/rpc',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function transfers(): Promise<void> {
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
  // Baseline: the same transfers executed back to back on one state, nothing else.
  const state = new ExecutionState(node.context.chain.latestState());
  const ctx = node.context.sequencer.nextContext();
  const t0 = performance.now();
  for (const t of all) executeTransaction(state, ctx, t.tx, { strictNonce: true });
  const direct = (all.length * 1000) / (performance.now() - t0);

  const sent = new Map<bigint, number>();
  const latencies: number[] = [];
  let last = 0;
  node.context.sequencer.onBlock((b) => {
    const now = performance.now();
    for (const t of b.transactions) {
      const s = sent.get(t.hash);
      if (s !== undefined) latencies.push(now - s);
    }
    last = now;
  });
  const start = performance.now();
  // Nonce order per account: each round submits every account's next nonce concurrently.
  for (const round of batches) {
    await Promise.all(
      round.map(async (t) => {
        const h = calculateTransactionHash(t.tx, node.options.chainId);
        sent.set(h, performance.now());
        const r = JSON.parse(
          await post(
            port,
            JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'starknet_addInvokeTransaction',
              params: { invoke_transaction: t.wire },
            }),
          ),
        );
        if (r.error) throw new Error(`rejected: ${JSON.stringify(r.error)}`);
      }),
    );
  }
  while (latencies.length < all.length) await new Promise((r) => setTimeout(r, 50));
  const seconds = (last - start) / 1000;
  report('node transfers over RPC, 500 ms blocks with state commitment', all.length / seconds, 'tx/s', {
    value: direct,
    label: 'direct execution',
  });
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  report('node time to ACCEPTED_ON_L2 p50 (500 ms blocks)', q(0.5), 'ms');
  report('node time to ACCEPTED_ON_L2 p99 (500 ms blocks)', q(0.99), 'ms');
  await node.stop();
}

async function storageReads(): Promise<void> {
  const node = await StarlingNode.open({ port: 0, accounts: 2, seed: 1n });
  const url = await node.start();
  const port = Number(new URL(url).port);
  const a = node.accounts[0];
  if (a === undefined) throw new RangeError('no account');
  const key = BigInt(getSelectorFromName('ERC20_balances')); // any key: a read is a read
  const db = node.context.db;
  const direct = opsPerSecond(
    () => {
      db.getStorageAt(STRK_FEE_TOKEN_ADDRESS, key, undefined);
    },
    1,
    500,
  );
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'starknet_getStorageAt',
    params: { contract_address: hex(STRK_FEE_TOKEN_ADDRESS), key: hex(key), block_id: 'latest' },
  });
  let count = 0;
  const stopAt = performance.now() + 1500;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const r = await post(port, body);
      if (!r.includes('"result"')) throw new Error(r);
      count++;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const rps = (count * 1000) / (performance.now() - t);
  report('node getStorageAt over HTTP (16 keep-alive clients)', rps, 'req/s', {
    value: direct,
    label: 'direct database reads',
  });
  await node.stop();
}

if (selected('node transfers') || selected('ACCEPTED_ON_L2')) await transfers();
if (selected('node getStorageAt')) await storageReads();
agent.destroy();
