import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a TypeScript module as a `worker_threads` worker through tsx's API: a plain
 * `new Worker(file.ts)` fails under Node 20 even when the parent runs under tsx (module hooks
 * registered by `--import tsx` do not reach a worker's entry file). The module resolves
 * imports like the rest of the server (tsconfig paths: `@shared`).
 */
export function startTsWorker(entry: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  // The ESM entry of tsx's API, resolved from here (its CommonJS entry cannot register hooks
  // in a worker: it looks for its ESM half at a wrong relative path).
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const href = JSON.stringify(entry.href);
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${href}, ${href}))`;
  return new Worker(boot, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
