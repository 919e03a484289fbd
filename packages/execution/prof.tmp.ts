import { executeTransaction, STRK_FEE_TOKEN_ADDRESS } from './src/index.ts';
import { makeChain, pair, sel, signedInvoke } from './test/helpers/chain.ts';

const N = Number(process.env.N ?? 300);
const chain = await makeChain(2);
const [a, b] = pair(chain);
const call = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1n, 0n] };
const txs = Array.from({ length: N + 20 }, (_, i) => signedInvoke(chain, a, [call], BigInt(i)));
for (let i = 0; i < 20; i++) executeTransaction(chain.state, chain.block, txs[i]!);
const c0 = process.cpuUsage();
const t0 = performance.now();
function execLoop() {
  for (let i = 20; i < txs.length; i++) executeTransaction(chain.state, chain.block, txs[i]!);
}
execLoop();
const c = process.cpuUsage(c0);
const cpu = (c.user + c.system) / 1000;
console.log(
  `cpu ${(cpu / N).toFixed(3)} ms/tx = ${((N / cpu) * 1000).toFixed(0)} tx/s cpu; wall ${((performance.now() - t0) / N).toFixed(3)} ms/tx`,
);
