/**
 * Kernel benchmark (issue 2 item 10, issue 18 item 5): the M/M/1 model run six ways in one
 * process — our callback API, our generator processes (yielding timeout events, and yielding
 * delays), our state-machine processes (`ProcessSteps`), a bare hand-written heap loop and
 * simjs 2.0.3 — with warm-up,
 * several repeats in interleaved order, and the median throughput of each.
 * Throughput counts model events (arrivals + departures: 2 per customer) for every variant,
 * so the ratios compare the cost of the same simulated work.
 */
import { mm1BareLoop, mm1Callback, mm1Process, mm1ProcessDelays, mm1ProcessKernelEvents, mm1Simjs, mm1StepProcess, mm1StepProcessKernelEvents } from "./mm1-variants.ts";
import { quantile } from "../src/metrics/statistics.ts";

/** The record written to results/bench/kernel.json. */
export interface KernelBenchRecord {
  name: "kernel";
  model: string;
  customers: number;
  repeats: number;
  /** Our callback API, model events per second (median). */
  eventsPerSecond: number;
  bareLoopEventsPerSecond: number;
  simjsEventsPerSecond: number;
  /** Generator processes, model events per second (median). */
  processEventsPerSecond: number;
  /** State-machine processes (`ProcessSteps`, delays instead of timeout events), model events per second (median). */
  stepProcessEventsPerSecond: number;
  /** Generator processes yielding delays instead of timeout events, model events per second (median). */
  delayProcessEventsPerSecond: number;
  /** Callback API / bare loop (target ≥ 0.5). */
  ratioToBareLoop: number;
  /** Callback API / simjs (target ≥ 2). */
  ratioToSimjs: number;
  /** Generator processes / callback API (target ≥ 0.5): the median over repeats of the ratio within one repeat. */
  processRatioToCallback: number;
  /** State-machine processes / callback API (target ≥ 0.5), paired the same way. */
  stepProcessRatioToCallback: number;
  /** Generator processes yielding delays / callback API, paired the same way. */
  delayProcessRatioToCallback: number;
  /**
   * The two ratios above by CPU time, each the median over repeats of the ratio within one
   * repeat (the variants run back to back): less moved by other load on a shared machine,
   * which stretches wall time but not CPU time.
   */
  processRatioToCallbackCpu: number;
  stepProcessRatioToCallbackCpu: number;
  /** Kernel events per customer of the generator-process M/M/1 (the callback model's are 2). */
  processKernelEventsPerCustomer: number;
  /** Kernel events per customer of the state-machine M/M/1. */
  stepProcessKernelEventsPerCustomer: number;
  processRatioToSimjs: number;
  node: string;
}

/** The median (type-7 quantile at 0.5: the midpoint of the two middle values of an even count). */
const median = (values: number[]): number => quantile(values, 0.5);

/**
 * Model events per second of one run, by the wall clock and by the process's CPU time.
 *
 * @example
 * throughput(mm1Callback, 100_000).wall > 0 // => true
 */
export function throughput(run: (customers: number) => number, customers: number): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const events = run(customers);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall: events / seconds, cpu: events / ((cpu.user + cpu.system) / 1e6) };
}

/** The median over repeats of `values[r] / baseline[r]`. */
function pairedRatio(values: number[], baseline: number[]): number {
  return median(values.map((v, r) => v / baseline[r]));
}

/**
 * Runs the kernel benchmark and returns its record.
 *
 * @example
 * const r = runKernelBench({ customers: 1_000_000, repeats: 5 });
 * r.ratioToBareLoop // => e.g. 0.8
 */
export function runKernelBench(options: { customers?: number; repeats?: number } = {}): KernelBenchRecord {
  const customers = options.customers ?? 1_000_000;
  const repeats = options.repeats ?? 9;
  const variants = { callback: mm1Callback, bareLoop: mm1BareLoop, simjs: mm1Simjs, process: mm1Process, stepProcess: mm1StepProcess, delayProcess: mm1ProcessDelays };
  const samples: Record<keyof typeof variants, number[]> = { callback: [], bareLoop: [], simjs: [], process: [], stepProcess: [], delayProcess: [] };
  const cpuSamples: Record<keyof typeof variants, number[]> = { callback: [], bareLoop: [], simjs: [], process: [], stepProcess: [], delayProcess: [] };
  // Warm-up: let the JIT compile every variant before measuring.
  for (const run of Object.values(variants)) run(Math.min(customers, 200_000));
  // Every other repeat runs the variants in reverse order, so a drift of the machine's speed
  // within a repeat (other work on the cores, a GC left by the previous variant) favours none.
  const entries = Object.entries(variants);
  for (let r = 0; r < repeats; r++) {
    for (const [name, run] of r % 2 === 0 ? entries : [...entries].reverse()) {
      const t = throughput(run, customers);
      samples[name as keyof typeof variants].push(t.wall);
      cpuSamples[name as keyof typeof variants].push(t.cpu);
    }
  }
  const callback = median(samples.callback);
  const bareLoop = median(samples.bareLoop);
  const simjs = median(samples.simjs);
  const processApi = median(samples.process);
  const stepProcess = median(samples.stepProcess);
  return {
    name: "kernel",
    model: "M/M/1, rho 0.8, integer-ns times, 2 model events per customer",
    customers,
    repeats,
    eventsPerSecond: Math.round(callback),
    bareLoopEventsPerSecond: Math.round(bareLoop),
    simjsEventsPerSecond: Math.round(simjs),
    processEventsPerSecond: Math.round(processApi),
    stepProcessEventsPerSecond: Math.round(stepProcess),
    delayProcessEventsPerSecond: Math.round(median(samples.delayProcess)),
    ratioToBareLoop: callback / bareLoop,
    ratioToSimjs: callback / simjs,
    processRatioToCallback: pairedRatio(samples.process, samples.callback),
    stepProcessRatioToCallback: pairedRatio(samples.stepProcess, samples.callback),
    delayProcessRatioToCallback: pairedRatio(samples.delayProcess, samples.callback),
    processRatioToCallbackCpu: pairedRatio(cpuSamples.process, cpuSamples.callback),
    stepProcessRatioToCallbackCpu: pairedRatio(cpuSamples.stepProcess, cpuSamples.callback),
    processKernelEventsPerCustomer: mm1ProcessKernelEvents(Math.min(customers, 100_000)),
    stepProcessKernelEventsPerCustomer: mm1StepProcessKernelEvents(Math.min(customers, 100_000)),
    processRatioToSimjs: processApi / simjs,
    node: process.version,
  };
}
