// Where the official vectors and RPC specs live: ../shared beside the repository (override: STARLING_SHARED).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.STARLING_SHARED ?? join(repoRoot, '..', 'shared');
export const vectorsDir = join(sharedDir, 'vectors');
export const specsDir = join(sharedDir, 'starknet-specs');
export const referenceDir = join(sharedDir, 'reference');

if (!existsSync(vectorsDir))
  throw new Error(`official vectors not found at ${vectorsDir} (set STARLING_SHARED)`);
