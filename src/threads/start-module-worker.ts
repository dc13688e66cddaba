import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module at `entry` (a sibling `.ts` file of the caller, or `.js` when
 * built). The sources are TypeScript run through tsx (there is no build step), and a worker thread
 * does not inherit the loader the main thread runs under (`node --import tsx`, or bin/eopool.js
 * calling tsx's `register()`), while Node 20 applies `execArgv: ['--import', 'tsx']` too late for a
 * .ts entry; so a .ts entry starts from a small script that registers tsx itself, then imports it.
 */
export function startModuleWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const href = JSON.stringify(entry.href);
  const boot = entry.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${href}); });`
    : `import(${href});`;
  return new Worker(boot, { ...options, eval: true });
}

/** `name` beside the calling module, with the calling module's own extension (.ts from source). */
export function siblingModule(callerUrl: string, name: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}
