// JSON-RPC throughput over loopback HTTP with keep-alive: requests per second for starknet_chainId and
// starknet_getStorageAt (in-test vector API), each against a bare node:http echo server measured in the
// same run with the same client (same body, same concurrency). Servers run in a worker thread.
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { report, selected } from '../../../scripts/bench-kit.ts';
import { createRpcServer } from '../src/index.ts';
import { vectorApi } from '../test/helpers/vector-api.ts';
import { storage } from '../test/helpers/vector-chain.ts';

const CONCURRENCY = 16;
const WARMUP_MS = 300;
const MEASURE_MS = 1000;
// Rounds alternate baseline and server; the median of each is reported (the machine is shared).
const ROUNDS = 5;

async function startWorker(kind: 'echo' | 'rpc'): Promise<{ port: number; worker: Worker }> {
  // Workers do not inherit the TypeScript loader hooks: register tsx inside before loading the module.
  const file = new URL('./server-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  const worker = new Worker(code, { eval: true, workerData: { kind } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { port, worker };
}

/** Requests per second that `CONCURRENCY` keep-alive clients get for `body` from the server on `port`. */
async function throughput(port: number, body: string, check: (text: string) => void): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  const once = () =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/rpc', method: 'POST', agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => resolve(Buffer.concat(chunks).toString()));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  check(await once());
  const run = async (ms: number) => {
    let count = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          await once();
          count++;
        }
      }),
    );
    return count;
  };
  await run(WARMUP_MS);
  const start = performance.now();
  const n = await run(MEASURE_MS);
  const rate = (n * 1000) / (performance.now() - start);
  agent.destroy();
  return rate;
}

const [contract, slots] = [...storage.entries()][0]!;
const [key, value] = [...slots.entries()][0]!;
const cases = [
  {
    name: 'rpc starknet_chainId over HTTP',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'starknet_chainId', params: [] }),
    expect: (t: string) => JSON.parse(t).result !== undefined,
  },
  {
    name: 'rpc starknet_getStorageAt over HTTP',
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'starknet_getStorageAt',
      params: {
        contract_address: `0x${contract.toString(16)}`,
        key: `0x${key.toString(16)}`,
        block_id: 'latest',
      },
    }),
    expect: (t: string) => JSON.parse(t).result === value,
  },
];

const chosen = cases.filter((c) => selected(c.name));
if (chosen.length > 0) {
  const echo = await startWorker('echo');
  const rpc = await startWorker('rpc');
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  for (const c of chosen) {
    const base: number[] = [];
    const ours: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(
        await throughput(echo.port, c.body, (t) => {
          if (t !== c.body) throw new Error('echo server answered something else');
        }),
      );
      ours.push(
        await throughput(rpc.port, c.body, (t) => {
          if (!c.expect(t)) throw new Error(`${c.name}: unexpected answer ${t.slice(0, 200)}`);
        }),
      );
    }
    report(c.name, median(ours), 'req/s', { value: median(base), label: 'bare node:http echo' });
  }
  await echo.worker.terminate();
  await rpc.worker.terminate();
}

// The layer's own cost without HTTP: parse, envelope checks, params validation, dispatch, serialisation,
// against a bare JSON.parse + JSON.stringify of the same body.
for (const c of cases) {
  const name = c.name.replace('over HTTP', 'dispatch in-process');
  if (!selected(name)) continue;
  const dispatcher = createRpcServer({ api: vectorApi() }).dispatcher('0.10.3');
  const ctx = { specVersion: '0.10.3' as const, transport: 'http' as const, path: '/rpc' };
  const timed = async (fn: () => unknown, n: number) => {
    for (let i = 0; i < n / 10; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    return (n * 1000) / (performance.now() - t);
  };
  const base = await timed(() => JSON.stringify(JSON.parse(c.body)), 50_000);
  const ours = await timed(() => dispatcher.handleText(c.body, ctx), 50_000);
  report(name, ours, 'calls/s', { value: base, label: 'JSON.parse+stringify' });
}
