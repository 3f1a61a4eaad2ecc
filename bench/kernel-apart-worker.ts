/**
 * Worker entry of the kernel-apart benchmark: runs one M/M/1 variant alone in this (fresh)
 * worker thread, after a warm-up, and returns its throughput (bench/kernel-apart.ts).
 */
import { throughput } from "./kernel.ts";
import { mm1Callback, mm1Process, mm1ProcessDelays, mm1StepProcess } from "./mm1-variants.ts";

const VARIANTS = { callback: mm1Callback, stepProcess: mm1StepProcess, process: mm1Process, delayProcess: mm1ProcessDelays };

/** The variants a worker can run. */
export type ApartVariant = keyof typeof VARIANTS;

/**
 * Model events per second of `name` over `customers` customers, by the wall clock and by the
 * process's CPU time (the main thread only waits meanwhile).
 *
 * @example
 * runApart({ name: "callback", customers: 100_000 }).wall > 0 // => true
 */
export default function runApart({ name, customers }: { name: ApartVariant; customers: number }): { wall: number; cpu: number } {
  const run = VARIANTS[name];
  run(Math.min(customers, 200_000)); // warm-up: let the JIT compile it first
  return throughput(run, customers);
}
