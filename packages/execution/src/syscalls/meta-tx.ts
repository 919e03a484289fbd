// meta_tx_v0: calls an account's __execute__ as if it were an INVOKE v0 transaction, with its own
// signature and a v0 transaction hash; the original transaction info is restored afterwards.
import { calculateTransactionHash } from '@starling/protocol';
import { executionError } from '../errors.js';
import { INVALID_ARGUMENT, SyscallRevert } from './revert.js';
import type { CallSyscallHandler, SyscallIo, SyscallOutput } from './syscall-handler.js';
import { innerCall } from './syscall-table.js';

export function metaTxV0(h: CallSyscallHandler, io: SyscallIo): SyscallOutput {
  const address = io.felt(0);
  const selector = io.felt(1);
  const calldata = io.array(2);
  const signature = io.array(4);
  if (h.ctx.mode === 'validate') {
    throw executionError('SYSCALL_ERROR', 'Unauthorized syscall meta_tx_v0 in execution mode Validate.');
  }
  if (selector !== h.ctx.vc.os.executeEntryPointSelector) throw new SyscallRevert([INVALID_ARGUMENT]);
  const onlyQuery = h.ctx.tx.onlyQuery;
  const hash = calculateTransactionHash(
    {
      type: 'INVOKE',
      version: 0,
      contractAddress: address,
      entryPointSelector: selector,
      calldata,
      maxFee: 0n,
      signature,
    },
    h.ctx.block.chainId,
    { query: onlyQuery },
  );
  const saved = h.ctx.tx;
  h.ctx.tx = {
    version: onlyQuery ? 1n << 128n : 0n,
    senderAddress: address,
    maxFee: 0n,
    signature,
    transactionHash: hash,
    nonce: 0n,
    tip: 0n,
    paymasterData: [],
    nonceDaMode: 0n,
    feeDaMode: 0n,
    accountDeploymentData: [],
    onlyQuery,
  };
  try {
    const retdata = innerCall(h, io, {
      codeAddress: address,
      entryPointType: 'EXTERNAL',
      selector,
      calldata,
      storageAddress: address,
      callerAddress: 0n,
      callType: 'CALL',
      initialGas: io.gas,
    });
    return h.segment(io.vm, retdata);
  } finally {
    h.ctx.tx = saved;
  }
}
