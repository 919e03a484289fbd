// Sierra → CASM compile time of the largest contract fixture this compiler can fully lower.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { medianMs, report, selected } from '../../../scripts/bench-kit.ts';
import { vectorsDir } from '../../../scripts/shared-paths.ts';
import { compileContractClass, readContractClass, SierraError } from '../src/index.ts';

const dir = join(vectorsDir, 'sierra-to-casm', 'contracts');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.contract_class.json'))
  .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);

function firstCompiling(): { name: string; text: string } | undefined {
  for (const f of fixtures) {
    const text = readFileSync(join(dir, f), 'utf8');
    try {
      compileContractClass(text);
      return { name: f.replace('.contract_class.json', ''), text };
    } catch (e) {
      if (!(e instanceof SierraError && e.code === 'SIERRA_UNSUPPORTED_LIBFUNC')) throw e;
    }
  }
  return undefined;
}

if (selected('sierra compile')) {
  const fx = firstCompiling();
  if (fx) {
    const read = medianMs(() => readContractClass(fx.text), 5);
    const compile = medianMs(() => compileContractClass(fx.text), 5);
    const kb = Math.round(fx.text.length / 1024);
    report(`sierra compile ${fx.name} (${kb} KB class, target <= 1000 ms)`, compile, 'ms', {
      value: read,
      label: 'class decoding',
    });
    // CPU time of one compile: robust when the machine is shared (wall time then overstates).
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      compileContractClass(fx.text);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    cpu.sort((a, b) => a - b);
    report(`sierra compile ${fx.name} cpu time`, cpu[2]!, 'ms');
  }
}
