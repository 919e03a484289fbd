import { join } from 'node:path';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

export const examplesDir = join(vectorsDir, 'cairo-vm', 'cairo-examples');
export const stwoDir = join(vectorsDir, 'cairo-vm', 'stwo-cairo');
