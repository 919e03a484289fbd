// Builds dist-wasm/crypto.wasm from assembly/ (which imports felt's field kernels) with AssemblyScript.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWasm } from '../../felt/scripts/build-wasm.mjs';
import { generateCube } from './gen-cube.mjs';
import { generateHades } from './gen-hades.mjs';
import { generateHades2 } from './gen-hades2.mjs';
import { generateInverse } from './gen-inverse.mjs';
import { generateMul2 } from './gen-mul2.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
generateCube();
generateHades();
generateHades2();
generateInverse();
generateMul2();
// SIMD (Node 16.4 and later): Poseidon keeps two state elements (or two states) in the lanes of v128.
await compileWasm(join(pkg, 'assembly', 'index.ts'), join(pkg, 'dist-wasm', 'crypto.wasm'), [
  '--enable',
  'simd',
]);
