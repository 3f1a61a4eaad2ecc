/**
 * Marginal sensitivity from a plan's own evaluations: how much a metric moves when one
 * dimension of a configuration takes its next value, the others fixed, where the search
 * evaluated that neighbour. Evidence of what binds that does not rest on a utilisation or a
 * queue reading: one more unit of a binding resource moves the metric, of a free one it does not
 * (mass-restore at 16 VSAs: TTS p95 −28% from 1 to 2 media agents, where their storage queue
 * binds; −10% from 2 to 4, where it does not).
 */
import type { MetricBounds, Vary } from "./plan.ts";

/** One evaluated neighbour: dimension `name` at its next value `value`, and the metric's relative change. */
export interface NeighbourChange {
  name: string;
  value: number;
  /** (neighbour's mean − this configuration's mean) / this configuration's mean. */
  change: number;
}

/** What {@link neighbourChanges} reads of a plan. */
export interface EvaluatedPlan {
  varies: readonly Vary[];
  evaluations: readonly { assignment: Readonly<Record<string, number>>; metrics: ReadonlyMap<string, MetricBounds> | undefined }[];
}

/**
 * For each dimension whose next value the plan evaluated (the other dimensions as in
 * `assignment`), the relative change of `metric`'s mean; none where either has no such metric
 * or this configuration's mean is 0.
 *
 * @example
 * const plan = {
 *   varies: [{ name: "mediaAgents", field: "model.mediaAgents.count", values: [1, 2, 4] }, { name: "vsas", field: "model.vsas.count", values: [8, 16] }],
 *   evaluations: [[1, 16, 2], [2, 16, 1.5], [4, 16, 1.35], [1, 8, 2.4]].map(([mediaAgents, vsas, tts]) => (
 *     { assignment: { mediaAgents, vsas }, metrics: new Map([["tts.p95", { unit: "min", mean: tts, low: tts, high: tts }]]) })),
 * };
 * neighbourChanges(plan, { mediaAgents: 1, vsas: 8 }, "tts.p95") // => [{ name: "vsas", value: 16, change: -0.16666666666666663 }] // 2 agents at 8 VSAs: not evaluated
 * neighbourChanges(plan, { mediaAgents: 2, vsas: 16 }, "tts.p95").map((c) => `${c.name}→${c.value}: ${c.change.toFixed(2)}`) // => ["mediaAgents→4: -0.10"]
 */
export function neighbourChanges(plan: EvaluatedPlan, assignment: Readonly<Record<string, number>>, metric: string): NeighbourChange[] {
  const meanAt = (a: Readonly<Record<string, number>>) =>
    plan.evaluations.find((e) => plan.varies.every((v) => e.assignment[v.name] === a[v.name]))?.metrics?.get(metric)?.mean;
  const own = meanAt(assignment);
  if (own === undefined || own === 0) return [];
  return plan.varies.flatMap((vary) => {
    const next = vary.values.find((value) => value > assignment[vary.name]);
    if (next === undefined) return [];
    const other = meanAt({ ...assignment, [vary.name]: next });
    return other === undefined ? [] : [{ name: vary.name, value: next, change: (other - own) / own }];
  });
}
