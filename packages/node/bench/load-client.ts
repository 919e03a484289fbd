// The load generator of node.bench.ts, in a child process (as real clients are): the node's process
// then spends its CPU on serving only, and its CPU time is the node's cost.
import { Agent, request } from 'node:http';

interface TransfersJob {
  kind: 'transfers';
  port: number;
  /** Rounds of [hash, JSON-RPC body]; each round is sent concurrently, rounds in order. */
  rounds: [string, string][][];
}
interface ReadsJob {
  kind: 'reads';
  port: number;
  /** Request bodies, sent in turn (distinct keys defeat any cache of repeated reads). */
  bodies: string[];
  ms: number;
  concurrency: number;
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

async function transfers(job: TransfersJob): Promise<Record<string, number>> {
  // Epoch milliseconds (sub-ms) at which each transaction was sent.
  const sent: Record<string, number> = {};
  const now = () => performance.timeOrigin + performance.now();
  for (const round of job.rounds) {
    await Promise.all(
      round.map(async ([hash, body]) => {
        sent[hash] = now();
        const r = JSON.parse(await post(job.port, body)) as { error?: unknown };
        if (r.error) throw new Error(`rejected: ${JSON.stringify(r.error)}`);
      }),
    );
  }
  return sent;
}

async function reads(job: ReadsJob): Promise<number> {
  let count = 0;
  const stopAt = performance.now() + job.ms;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const r = await post(job.port, job.bodies[count % job.bodies.length] as string);
      if (!r.includes('"result"')) throw new Error(r);
      count++;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return count;
}

process.on('message', (job: TransfersJob | ReadsJob) => {
  const run = job.kind === 'transfers' ? transfers(job) : reads(job);
  run.then(
    (result) => process.send?.({ ok: true, result }),
    (e: unknown) => process.send?.({ ok: false, error: String(e) }),
  );
});
