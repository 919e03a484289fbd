import { pedersenArray } from '@starling/crypto';
import { ADDRESS_BOUND } from '@starling/felt';
import { PREFIX_CONTRACT_ADDRESS } from './constants.js';

/** Address of a deployed contract (deployer 0 for DEPLOY_ACCOUNT and deploy-from-zero). */
export function calculateContractAddress(
  salt: bigint,
  classHash: bigint,
  constructorCalldata: readonly bigint[],
  deployerAddress = 0n,
): bigint {
  const h = pedersenArray([
    PREFIX_CONTRACT_ADDRESS,
    deployerAddress,
    salt,
    classHash,
    pedersenArray(constructorCalldata),
  ]);
  return h % ADDRESS_BOUND;
}
