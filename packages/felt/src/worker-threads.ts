import { Worker, type WorkerOptions } from 'node:worker_threads';

// Flags a worker can take over from its parent (module resolution and loaders). Others, such as
// --expose-gc or the per-process options a test runner passes to its children, make new Worker() throw.
const WORKER_FLAGS =
  /^(--conditions|-C|--import|--require|-r|--loader|--experimental-loader|--enable-source-maps)(=|$)/;

/** The parent's Node flags that a worker thread can inherit. */
export function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = WORKER_FLAGS.exec(arg);
    if (!match) continue;
    out.push(arg);
    // A flag given as `--import tsx` carries its value in the next argument.
    const next = argv[i + 1];
    if (match[2] === '' && next !== undefined && !next.startsWith('-') && !arg.startsWith('--enable')) {
      out.push(next);
      i++;
    }
  }
  return out;
}

/**
 * Starts a worker on a module given by URL (a sibling `.js` in dist, or `.ts` when running from
 * sources, where it first registers the tsx loader and resolves packages to their sources).
 */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { ...options, execArgv: workerExecArgv() });
  const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}));`;
  return new Worker(boot, {
    ...options,
    eval: true,
    execArgv: [...workerExecArgv(), '--conditions=@starling/source'],
  });
}
