import { readFileSync } from 'node:fs';
import { compileContractClass, readContractClass } from './src/index.ts';

const text = readFileSync(
  '/work/shared/vectors/sierra-to-casm/contracts/libfuncs_coverage__libfuncs_coverage.contract_class.json',
  'utf8',
);
const cc = readContractClass(text);
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  compileContractClass(cc);
  console.log('compile', (performance.now() - t).toFixed(0));
}
