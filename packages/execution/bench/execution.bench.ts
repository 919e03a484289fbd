// Transaction execution throughput: INVOKE v3 STRK transfers from OpenZeppelin accounts, signature
// validation (__validate__) and the fee transfer included, state commitment excluded, on one core
// (CPU time of this process: the machine is shared). Baseline: one starknet.js ECDSA verification
// (the dominant cryptographic step of validation), same run, same clock.
import { ec } from 'starknet';
import { cpuMs, report, selected } from '../../../scripts/bench-kit.ts';
import { executeTransaction, STRK_FEE_TOKEN_ADDRESS, validateTransaction } from '../src/index.ts';
import { hex, makeChain, pair, sel, signedInvoke } from '../test/helpers/chain.ts';

const N = Number(process.env.EXEC_BENCH_TXS ?? 400);
// Transactions run before timing: enough for the JIT to settle on the VM's hot paths.
const WARM = 100;

if (selected('erc20 transfers/s')) {
  const chain = await makeChain(2);
  const [a, b] = pair(chain);
  const call = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1n, 0n] };
  const txs = Array.from({ length: N + WARM }, (_, i) => signedInvoke(chain, a, [call], BigInt(i)));
  for (let i = 0; i < WARM; i++) executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]); // warm-up
  const t0 = cpuMs();
  for (let i = WARM; i < txs.length; i++) {
    const r = executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
    if (r.revertReason !== undefined) throw new Error(`transfer ${i} reverted: ${r.revertReason}`);
  }
  const seconds = (cpuMs() - t0) / 1000;
  // Baseline: starknet.js signature verifications per second.
  const sig = ec.starkCurve.sign(hex(0x1234n), hex(a.privateKey));
  const pub = ec.starkCurve.getPublicKey(hex(a.privateKey));
  const v0 = cpuMs();
  let nv = 0;
  while (cpuMs() - v0 < 1000) {
    ec.starkCurve.verify(sig, hex(0x1234n), pub);
    nv++;
  }
  const verifies = (nv * 1000) / (cpuMs() - v0);
  report('erc20 transfers/s', N / seconds, 'tx/s', { value: verifies, label: 'starknet.js ecdsa verify/s' });
  report('erc20 transfer latency', (seconds * 1000) / N, 'ms');
}

// The same transfers to a fresh recipient each time: no two transactions hash the same recipient
// balance slot, so memoized storage-key hashes do not flatter the figure.
if (selected('erc20 transfers/s, distinct recipients')) {
  const chain = await makeChain(2);
  const [a] = pair(chain);
  const txs = Array.from({ length: N + WARM }, (_, i) =>
    signedInvoke(
      chain,
      a,
      [{ to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [0x5157n + BigInt(i), 1n, 0n] }],
      BigInt(i),
    ),
  );
  for (let i = 0; i < WARM; i++) executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]); // warm-up
  const t0 = cpuMs();
  for (let i = WARM; i < txs.length; i++) {
    const r = executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
    if (r.revertReason !== undefined) throw new Error(`transfer ${i} reverted: ${r.revertReason}`);
  }
  report('erc20 transfers/s, distinct recipients', N / ((cpuMs() - t0) / 1000), 'tx/s');
}

// The gateway's admission check of the same transfers: stateless rules, nonce window, __validate__
// (signature) and the post-validation bounds, without __execute__ or the fee transfer.
if (selected('gateway validations/s')) {
  const chain = await makeChain(2);
  const [a, b] = pair(chain);
  const call = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1n, 0n] };
  const txs = Array.from({ length: N + WARM }, (_, i) => signedInvoke(chain, a, [call], BigInt(i % 150)));
  for (let i = 0; i < WARM; i++)
    validateTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
  const t0 = cpuMs();
  for (let i = WARM; i < txs.length; i++)
    validateTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
  report('gateway validations/s', N / ((cpuMs() - t0) / 1000), 'tx/s');
}
