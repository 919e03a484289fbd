// Entry point of crypto.wasm: Pedersen, Poseidon, EC operations and the ECDSA core, plus field kernels.
export { fieldAdd, fieldSub, fromMont, montMul, toMont } from '../../felt/assembly/field';
export { reverseWords } from './byte-order';
export { ecdsaPoint, ecdsaPointTable, ecMulAdd, ecMulAddTable, ecPointTable } from './ec-ops';
export { invModOrder } from './generated/inverse-order';
export { pedersenHash, pedersenMany } from './pedersen';
export { pedersenBatchAffine } from './pedersen-batch';
export { poseidonHashMany, poseidonPermute, poseidonSponge } from './poseidon';
export { initInputArea, initTables } from './tables';
