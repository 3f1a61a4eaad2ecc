/**
 * `npm run fuzz`: the long fuzz run. Every trace-reader target and every scenario-loader target
 * for `--cases N` cases each (default 100,000 per reader format, split over its targets; the
 * scenario targets get the same per-target count), from `--seed S` (default: the time, printed
 * so a finding can be replayed), then the run targets (generated scenarios loaded, estimated and
 * run under a small budget, fuzz/run-targets.ts) for `--run-cases N` cases each (default 500).
 * Prints cases, loads and refusals per target; exits 1 on a finding.
 *
 *   npm run fuzz -- --cases 100000 --seed 42 --only csv
 *   npm run fuzz -- --only run: --run-cases 2000
 */
import { parseArgs } from "node:util";
import { runTarget, type FuzzStats, type FuzzTarget } from "./check.ts";
import { RUN_TARGETS } from "./run-targets.ts";
import { SCENARIO_TARGETS } from "./scenario-targets.ts";
import { traceTargets } from "./trace-targets.ts";
import { TRACE_FORMATS } from "../src/workloads/traces/open.ts";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "100000" }, "run-cases": { type: "string", default: "500" }, seed: { type: "string" }, only: { type: "string" } },
});
const cases = Number(values.cases);
// Run targets simulate each case (up to 2·10^6 events): far fewer cases than the loaders.
const runCases = Number(values["run-cases"]);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(cases) || cases <= 0 || !Number.isSafeInteger(runCases) || runCases < 0 || !Number.isSafeInteger(seed)) {
  process.stderr.write("fuzz: --cases and --seed take whole numbers\n");
  process.exit(2);
}

const plan: { group: string; target: FuzzTarget<never>; runs: number }[] = [];
for (const format of TRACE_FORMATS) {
  const targets = traceTargets(format);
  // The per-reader budget is split over its targets; the remainder goes to the mutants.
  targets.forEach((target, i) => plan.push({ group: format, target: target as FuzzTarget<never>, runs: Math.floor(cases / targets.length) + (i === 2 ? cases % targets.length : 0) }));
}
for (const target of SCENARIO_TARGETS) plan.push({ group: "scenario", target: target as FuzzTarget<never>, runs: Math.ceil(cases / SCENARIO_TARGETS.length) });
if (runCases > 0) for (const target of RUN_TARGETS) plan.push({ group: "run", target: target as FuzzTarget<never>, runs: runCases });

console.log(`fuzz: seed ${seed}, ${cases} cases per reader format and for the scenario loader`);
const results: FuzzStats[] = [];
for (const { group, target, runs } of plan) {
  if (values.only && !group.includes(values.only) && !target.name.includes(values.only)) continue;
  const started = performance.now();
  const stats = runTarget(target, { numRuns: runs, seed });
  results.push(stats);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${stats.name.padEnd(44)} ${String(stats.cases).padStart(7)} cases  ${String(stats.loaded).padStart(7)} loaded  ${String(stats.refused).padStart(7)} refused  ${seconds} s${stats.failure ? "  FINDING" : ""}`);
  if (stats.failure) console.log(stats.failure);
}
const failures = results.filter((stats) => stats.failure);
console.log(`fuzz: ${results.reduce((sum, s) => sum + s.cases, 0)} cases, ${failures.length} finding(s)`);
process.exit(failures.length > 0 ? 1 : 0);
