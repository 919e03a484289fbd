// Transaction execution throughput: INVOKE v3 STRK transfers from OpenZeppelin accounts, signature
// validation (__validate__) and the fee transfer included, state commitment excluded. Baseline: one
// starknet.js ECDSA verification (the dominant cryptographic step of validation), same run.
import { ec } from 'starknet';
import { report, selected } from '../../../scripts/bench-kit.ts';
import { executeTransaction, STRK_FEE_TOKEN_ADDRESS } from '../src/index.ts';
import { hex, makeChain, pair, sel, signedInvoke } from '../test/helpers/chain.ts';

const N = Number(process.env.EXEC_BENCH_TXS ?? 400);

if (selected('erc20 transfers/s')) {
  const chain = await makeChain(2);
  const [a, b] = pair(chain);
  const call = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1n, 0n] };
  const txs = Array.from({ length: N + 20 }, (_, i) => signedInvoke(chain, a, [call], BigInt(i)));
  for (let i = 0; i < 20; i++) executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]); // warm-up
  const t0 = performance.now();
  for (let i = 20; i < txs.length; i++) {
    const r = executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
    if (r.revertReason !== undefined) throw new Error(`transfer ${i} reverted: ${r.revertReason}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  // Baseline: starknet.js signature verifications per second.
  const sig = ec.starkCurve.sign(hex(0x1234n), hex(a.privateKey));
  const pub = ec.starkCurve.getPublicKey(hex(a.privateKey));
  const v0 = performance.now();
  let nv = 0;
  while (performance.now() - v0 < 1000) {
    ec.starkCurve.verify(sig, hex(0x1234n), pub);
    nv++;
  }
  const verifies = (nv * 1000) / (performance.now() - v0);
  report('erc20 transfers/s', N / seconds, 'tx/s', { value: verifies, label: 'starknet.js ecdsa verify/s' });
  report('erc20 transfer latency', (seconds * 1000) / N, 'ms');
}

// The same transfers to a fresh recipient each time: no two transactions hash the same recipient
// balance slot, so memoized storage-key hashes do not flatter the figure.
if (selected('erc20 transfers/s, distinct recipients')) {
  const chain = await makeChain(2);
  const [a] = pair(chain);
  const txs = Array.from({ length: N + 20 }, (_, i) =>
    signedInvoke(
      chain,
      a,
      [{ to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [0x5157n + BigInt(i), 1n, 0n] }],
      BigInt(i),
    ),
  );
  for (let i = 0; i < 20; i++) executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]); // warm-up
  const t0 = performance.now();
  for (let i = 20; i < txs.length; i++) {
    const r = executeTransaction(chain.state, chain.block, txs[i] as (typeof txs)[number]);
    if (r.revertReason !== undefined) throw new Error(`transfer ${i} reverted: ${r.revertReason}`);
  }
  report('erc20 transfers/s, distinct recipients', N / ((performance.now() - t0) / 1000), 'tx/s');
}
