/**
 * Entry of `npm run bench`: runs every registered benchmark, prints a table and writes
 * `results/bench/<name>.json`. To add a benchmark, import its run function and add one line
 * to `BENCHES` (it must return a JSON-serialisable record).
 *
 * @example
 * npm run bench            # all benchmarks
 * npm run bench -- kernel  # only those named
 * npm run bench -- kernel-apart  # the process ratios with each variant alone in a fresh worker thread
 * npm run bench -- restore10000  # an entry marked `onlyWhenNamed` (minutes long) runs only so
 * npm run bench -- restore10000-profile  # where the 10,000-VM restore's time goes (partition-sized runs)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCacheBench } from "./cache.ts";
import { runCachesimBench } from "./cachesim.ts";
import { runKernelBench } from "./kernel.ts";
import { runKernelApartBench } from "./kernel-apart.ts";
import { runNetworkBench } from "./network.ts";
import { runSweepBench } from "./sweep.ts";
import { runMassRestore10000Bench, runRestoreBench } from "./restore.ts";
import { runRestoreProfileBench } from "./restore-profile.ts";

/** A benchmark: a name (the output file name) and a function returning its record. */
export interface BenchEntry {
  name: string;
  run: () => object | Promise<object>;
  /** Skipped by a bare `npm run bench`; runs when named. */
  onlyWhenNamed?: boolean;
}

/** Every benchmark `npm run bench` knows. One line per benchmark. */
export const BENCHES: BenchEntry[] = [
  { name: "kernel", run: runKernelBench },
  { name: "kernel-apart", run: () => runKernelApartBench() },
  { name: "network", run: () => runNetworkBench() },
  { name: "cache", run: () => runCacheBench() },
  { name: "cachesim", run: runCachesimBench },
  { name: "sweep", run: runSweepBench },
  { name: "restore", run: runRestoreBench },
  { name: "restore10000", run: runMassRestore10000Bench, onlyWhenNamed: true },
  { name: "restore10000-profile", run: () => runRestoreProfileBench(), onlyWhenNamed: true },
];

function formatValue(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).map(([k, v]) => `${k}=${typeof v === "number" ? formatValue(v) : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`).join(" ");
  }
  if (typeof value !== "number") return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toFixed(3);
}

async function main(argv: string[]): Promise<void> {
  const wanted = argv.filter((a) => !a.startsWith("-"));
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`bench: unknown benchmark ${unknown.join(", ")}; valid: ${BENCHES.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  const outDir = join("results", "bench");
  mkdirSync(outDir, { recursive: true });
  for (const bench of BENCHES) {
    if (wanted.length > 0 ? !wanted.includes(bench.name) : bench.onlyWhenNamed === true) continue;
    const record = await bench.run();
    const file = join(outDir, `${bench.name}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`\n${bench.name} -> ${file}`);
    for (const [key, value] of Object.entries(record)) console.log(`  ${key.padEnd(26)} ${formatValue(value)}`);
  }
}

await main(process.argv.slice(2));
