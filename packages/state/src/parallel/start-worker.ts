import { Worker } from 'node:worker_threads';

// Flags a worker can take over from its parent (module resolution and loaders); others, such as
// --expose-gc or the per-process options a test runner passes to its children, make new Worker() throw.
const WORKER_FLAGS =
  /^(--conditions|-C|--import|--require|-r|--loader|--experimental-loader|--enable-source-maps)(=|$)/;

function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = WORKER_FLAGS.exec(arg);
    if (!match) continue;
    out.push(arg);
    // `--import tsx` carries its value in the next argument.
    const next = argv[i + 1];
    if (match[2] === '' && next !== undefined && !next.startsWith('-') && !arg.startsWith('--enable')) {
      out.push(next);
      i++;
    }
  }
  return out;
}

/** Starts a worker on a sibling module; from TypeScript sources it first registers the tsx loader. */
export function startWorker(name: string, workerData: unknown, transferList: readonly object[]): Worker {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const url = new URL(`./${name}.${ext}`, import.meta.url);
  const options = { workerData, transferList: transferList as never[] };
  if (ext === 'js') return new Worker(url, { ...options, execArgv: workerExecArgv() });
  const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}));`;
  return new Worker(boot, {
    ...options,
    eval: true,
    execArgv: [...workerExecArgv(), '--conditions=@starling/source'],
  });
}
