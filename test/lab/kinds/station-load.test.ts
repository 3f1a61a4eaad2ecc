import { describe, expect, it } from "vitest";
import { checkStable, offeredLoad, stationNeeds } from "../../../src/lab/kinds/station-load.ts";
import type { DurationDistributionSpec } from "../../../src/scenario/distribution.ts";

const exp = (mean: number): DurationDistributionSpec => ({ distribution: "exponential", mean });
const constant = (value: number): DurationDistributionSpec => ({ distribution: "constant", value });

/** The issues checkStable adds, through a stand-in for zod's refinement context. */
function issuesOf(classes: { arrival: DurationDistributionSpec; service: DurationDistributionSpec }[], servers: number): { path: PropertyKey[]; message: string }[] {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  checkStable(classes, servers, ["service"], { addIssue: (issue: { path: PropertyKey[]; message: string }) => issues.push(issue) } as never);
  return issues;
}

const refusal = (rho: number | string) => `a stable station: offered load ρ = mean service / (mean inter-arrival × servers) below 1, got ${rho} (the queue would grow without bound)`;

describe("offeredLoad", () => {
  it("is mean service / (mean inter-arrival × servers): 3 ms / (2 ms × 2) = 0.75", () => {
    expect(offeredLoad([{ arrival: exp(2e6), service: exp(3e6) }], 2)).toBe(0.75);
  });

  it("sums over the classes: 1/4 + 1/2 = 0.75 on one server", () => {
    expect(offeredLoad([{ arrival: exp(4e6), service: exp(1e6) }, { arrival: exp(2e6), service: exp(1e6) }], 1)).toBe(0.75);
  });

  it("uses each distribution's mean: uniform 1..3 ms service (mean 2 ms), Pareto(scale 1 ms, shape 2) arrivals (mean 2 ms): 1", () => {
    expect(offeredLoad([{ arrival: { distribution: "pareto", scale: 1e6, shape: 2 }, service: { distribution: "uniform", min: 1e6, max: 3e6 } }], 1)).toBe(1);
  });

  it("is Infinity for a Pareto service of shape ≤ 1 (infinite mean)", () => {
    expect(offeredLoad([{ arrival: exp(1e6), service: { distribution: "pareto", scale: 1e6, shape: 1 } }], 4)).toBe(Infinity);
  });
});

describe("checkStable", () => {
  it("lets ρ = 0.999 through", () => {
    expect(issuesOf([{ arrival: constant(1000), service: constant(999) }], 1)).toEqual([]);
  });

  it("refuses ρ = 1 exactly at the path given", () => {
    expect(issuesOf([{ arrival: constant(1e6), service: constant(1e6) }], 1)).toEqual([{ code: "custom", path: ["service"], message: refusal(1) }]);
  });

  it("shows ρ to 4 significant digits: 4 ms / 3 ms = 1.333", () => {
    expect(issuesOf([{ arrival: exp(3e6), service: exp(4e6) }], 1).map((issue) => issue.message)).toEqual([refusal(1.333)]);
  });

  it("counts the servers: 4 ms / (3 ms × 2) = 0.667 passes (1.333 on one server, refused above)", () => {
    expect(issuesOf([{ arrival: exp(3e6), service: exp(4e6) }], 2)).toEqual([]);
  });

  it("refuses an infinite-mean service with ρ = Infinity", () => {
    expect(issuesOf([{ arrival: exp(1e6), service: { distribution: "pareto", scale: 1e6, shape: 0.5 } }], 1).map((issue) => issue.message)).toEqual([refusal("Infinity")]);
  });

  it("adds nothing when a distribution already has its own problem (a zero mean)", () => {
    expect(issuesOf([{ arrival: exp(0), service: exp(1e6) }], 1)).toEqual([]);
  });
});

describe("stationNeeds", () => {
  it("holds 32 B and runs 2 events per customer: 210 000 customers → 6 720 000 B, 420 000 events", () => {
    expect(stationNeeds(210_000)).toEqual([{ field: "model.customers", what: "210000 customers (measured and warm-up)", bytes: 6_720_000, events: 420_000 }]);
  });
});
