/**
 * The kernel benchmark's process ratios with each variant run apart (issue 18 item 5): the
 * callback M/M/1 and the process M/M/1s of bench/mm1-variants.ts, each alone in a fresh worker
 * thread of this process (its own V8 isolate and JIT), round after round in alternating order.
 * In bench/kernel.ts every variant runs in one isolate, where the kernel's call sites see all
 * of them; here each sees only its own, as in a user's model. Ratios are the median over rounds
 * of the ratio within a round.
 */
import { createWorkerPool } from "../src/lab/worker-pool.ts";
import type { ApartVariant } from "./kernel-apart-worker.ts";
import { quantile } from "../src/metrics/statistics.ts";

/** The record `npm run bench -- kernel-apart` writes. */
export interface KernelApartRecord {
  name: "kernel-apart";
  customers: number;
  rounds: number;
  /** The callback API alone, model events per second (median over rounds). */
  callbackEventsPerSecond: number;
  /** State-machine processes alone / the callback alone (median of per-round ratios; target ≥ 0.5). */
  stepProcessRatioToCallback: number;
  /** Generator processes alone / the callback alone. */
  processRatioToCallback: number;
  /** Generators yielding delays alone / the callback alone. */
  delayProcessRatioToCallback: number;
  /** The state-machine ratio of every round, in order. */
  stepProcessRatios: number[];
  node: string;
}

/** The median (type-7 quantile at 0.5: the midpoint of the two middle values of an even count). */
const median = (values: number[]): number => quantile(values, 0.5);

/** Runs `name` alone in a fresh worker thread; its throughput by the wall clock. */
async function apart(name: ApartVariant, customers: number): Promise<number> {
  const pool = createWorkerPool(new URL("./kernel-apart-worker.ts", import.meta.url), 1);
  try {
    const result = (await pool.run({ name, customers })) as { wall: number };
    return result.wall;
  } finally {
    await pool.destroy();
  }
}

/**
 * Runs the variants apart for `rounds` rounds and returns the record.
 *
 * @example
 * const r = await runKernelApartBench({ customers: 1_000_000, rounds: 5 });
 * r.stepProcessRatioToCallback // => e.g. 0.47
 */
export async function runKernelApartBench(options: { customers?: number; rounds?: number } = {}): Promise<KernelApartRecord> {
  const customers = options.customers ?? 1_000_000;
  const rounds = options.rounds ?? 5;
  const names: ApartVariant[] = ["callback", "stepProcess", "process", "delayProcess"];
  const wall: Record<ApartVariant, number[]> = { callback: [], stepProcess: [], process: [], delayProcess: [] };
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) wall[name].push(await apart(name, customers));
  }
  const ratios = (name: ApartVariant) => wall[name].map((w, r) => w / wall.callback[r]);
  return {
    name: "kernel-apart",
    customers,
    rounds,
    callbackEventsPerSecond: Math.round(median(wall.callback)),
    stepProcessRatioToCallback: median(ratios("stepProcess")),
    processRatioToCallback: median(ratios("process")),
    delayProcessRatioToCallback: median(ratios("delayProcess")),
    stepProcessRatios: ratios("stepProcess").map((x) => Number(x.toFixed(3))),
    node: process.version,
  };
}
