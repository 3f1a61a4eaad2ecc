/**
 * Worker threads for runs and sweeps (piscina). When rtolab runs from its TypeScript sources the
 * workers need the tsx loader too; a compiled build needs none.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";

/**
 * The `execArgv` worker threads need to load rtolab's modules.
 *
 * @example
 * const argv = workerExecArgv(); // under tsx: ["--import", "file:///…/node_modules/tsx/dist/loader.mjs"]
 * [argv[0], argv[1].endsWith("/node_modules/tsx/dist/loader.mjs")] // => ["--import", true]
 */
export function workerExecArgv(): string[] {
  if (!import.meta.url.endsWith(".ts")) return [];
  const loader = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(loader).href];
}

/**
 * A pool of exactly `threads` workers running the module `entry` (a URL of a `.ts` file next to
 * the caller; the `.js` sibling is used in a compiled build).
 *
 * @example
 * const pool = createWorkerPool(new URL("./run-worker.ts", import.meta.url), 2);
 * pool.options.maxThreads // => 2
 * await pool.destroy();
 */
export function createWorkerPool(entry: URL, threads: number): Piscina {
  const href = import.meta.url.endsWith(".ts") ? entry.href : entry.href.replace(/\.ts$/, ".js");
  return new Piscina({ filename: href, minThreads: threads, maxThreads: threads, execArgv: workerExecArgv() });
}
