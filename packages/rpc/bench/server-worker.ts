// Runs one server in a worker thread for rpc.bench.ts, so that client and server use separate cores:
// `echo` is a bare node:http server that answers with the request body, `rpc` is the RpcServer over
// the in-test vector API (result validation off, as in production).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createRpcServer } from '../src/index.ts';
import { vectorApi } from '../test/helpers/vector-api.ts';

let port: number;
if (workerData.kind === 'echo') {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
} else {
  const server = createRpcServer({ api: vectorApi() });
  port = (await server.listen(0, '127.0.0.1')).port;
}
parentPort?.postMessage(port);
