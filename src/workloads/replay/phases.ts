/**
 * Where a what-if prediction's error accrues: before or after the kernel runs /init.
 *
 * The second recording campaign gives, beside service ready, the moment each boot's kernel ran
 * /init (traces/README.md). Before it lie the boot loader's serial reads (rule 1) and the
 * kernel's I/O-free start, CPU work whose length varies from run to run (docs/replay.md, E4);
 * after it, the OS phase where rules 2, 3 and 5 decide. Predicting /init as a milestone of the
 * same replay splits the service-ready error into the part already there at /init and the part
 * the OS phase adds. Nothing is fitted here: it reads the same prior model as the validation
 * table (validate.ts).
 */
import { planMilestone } from "./plan.ts";
import { predictMilestone, predictReplay } from "./predict.ts";
import { priorResumeUs, whatIfReplay, type RepeatBoots, type WhatIfPair } from "./validate.ts";

/** One pair and direction, split at /init (times in µs). */
export interface PhaseRow {
  pair: string;
  direction: "slower" | "faster";
  replayed: string;
  measuredName: string;
  measuredInitUs: number;
  predictedInitUs: number;
  measuredReadyUs: number;
  predictedReadyUs: number;
  /** predicted − measured /init. */
  initErrorUs: number;
  /** predicted − measured service ready. */
  readyErrorUs: number;
  /** What the phase from /init to service ready added: readyErrorUs − initErrorUs. */
  afterInitErrorUs: number;
  /** That phase as measured: measured service ready − measured /init. */
  afterInitMeasuredUs: number;
}

/**
 * The /init split of every pair whose two recordings both give /init, both directions, with the
 * prior model of the validation table (rule 5's cost fitted on the delay pairs of `pairs`: `priorResumeUs`); then the same
 * split of `repeats` (undelayed boots replayed against each other, named "… (no delay)"): how
 * much of each phase varies run to run.
 *
 * @example
 * const recording = (name, serviceReadyUs, initUs) => ({ name, requests: [...openTrace(`traces/${name}.csv`, "csv")], serviceReadyUs, initUs });
 * const pair = { name: "k2boot1 +20ms", delayUs: 20000, threads: 2, base: recording("k2boot1", 18864750, 7530000), delayed: recording("k2boot_d20ms", 31771145, 7740000) };
 * phaseRows([pair]).map((r) => [r.direction, Math.round(r.initErrorUs / 1e4) / 100, Math.round(r.afterInitErrorUs / 1e4) / 100])
 * // => [["slower", -0.17, 2.06], ["faster", 0.17, -0.99]] // rule 5 fitted on this pair alone (911 µs): the error is after /init
 */
export function phaseRows(pairs: readonly WhatIfPair[], repeats: readonly RepeatBoots[] = []): PhaseRow[] {
  const resumeUs = priorResumeUs(pairs);
  const rows: PhaseRow[] = [];
  const undelayed = repeats.map((r): WhatIfPair => ({ name: `${r.name} (no delay)`, base: r.first, delayed: r.second, delayUs: 0, threads: r.threads }));
  for (const pair of [...pairs, ...undelayed]) {
    if (pair.base.initUs === undefined || pair.delayed.initUs === undefined) continue;
    for (const direction of ["slower", "faster"] as const) {
      const measured = direction === "slower" ? pair.delayed : pair.base;
      const { from, plan, serviceUs } = whatIfReplay(pair, direction, { threads: pair.threads, resumeUs });
      const timing = predictReplay(plan, (_request, i) => serviceUs(i));
      const predictedInitUs = predictMilestone(planMilestone(plan, from.initUs ?? 0), timing);
      const predictedReadyUs = predictMilestone(planMilestone(plan, from.serviceReadyUs), timing);
      const measuredInitUs = measured.initUs ?? 0;
      const initErrorUs = predictedInitUs - measuredInitUs;
      const readyErrorUs = predictedReadyUs - measured.serviceReadyUs;
      rows.push({
        pair: pair.name, direction, replayed: from.name, measuredName: measured.name,
        measuredInitUs, predictedInitUs, measuredReadyUs: measured.serviceReadyUs, predictedReadyUs,
        initErrorUs, readyErrorUs, afterInitErrorUs: readyErrorUs - initErrorUs,
        afterInitMeasuredUs: measured.serviceReadyUs - measuredInitUs,
      });
    }
  }
  return rows;
}
