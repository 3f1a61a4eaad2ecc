import { describe, expect, it } from "vitest";
import * as d from "../../src/kernel/distributions.ts";
import { RngStreams, type Rng } from "../../src/kernel/rng.ts";

const seeded = (): Rng => new RngStreams(7).stream("test");

function moments(dist: d.Distribution, n: number): { mean: number; variance: number } {
  const rng = seeded();
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = dist.sample(rng);
    s1 += x;
    s2 += x * x;
  }
  const mean = s1 / n;
  return { mean, variance: (s2 - n * mean * mean) / (n - 1) };
}

function firstTwo(dist: d.Distribution): number[] {
  const rng = seeded();
  return [dist.sample(rng), dist.sample(rng)];
}

describe("distributions", () => {
  // Exact first draws with seed 7, stream "test": any change to a sampler shows here.
  it.each([
    ["constant(5)", d.constant(5), [5, 5]],
    ["uniform(2, 4)", d.uniform(2, 4), [2.5030154414619714, 2.933903684865892]],
    ["exponential(10)", d.exponential(10), [2.8969439011350984, 6.291435069896112]],
    ["normal(10, 2)", d.normal(10, 2), [8.510350457213528, 12.266446492420208]],
    ["lognormal(0, 0.5)", d.lognormal(0, 0.5), [0.6890700213031137, 1.7622856355809642]],
    ["pareto(1, 3)", d.pareto(1, 3), [1.1013809446873264, 1.233325898018034]],
    ["zipf(100, 1)", d.zipf(100, 1), [26, 1]],
    ["empirical([1, 2, 2, 9])", d.empirical([1, 2, 2, 9]), [2, 2]],
    ["histogram([0, 10, 20], [3, 1])", d.histogram([0, 10, 20], [3, 1]), [4.669518424329459, 0.13975335021430668]],
  ])("%s.sample(rng) gives fixed first draws for seed 7", (_name, dist, expected) => {
    expect(firstTwo(dist)).toEqual(expected);
  });

  it.each([
    ["uniform(2, 4)", d.uniform(2, 4), 3, 1 / 3],
    ["exponential(10)", d.exponential(10), 10, 100],
    ["normal(10, 2)", d.normal(10, 2), 10, 4],
    ["lognormal(0, 0.5)", d.lognormal(0, 0.5), 1.1331484530668263, 0.3646958540123865],
    ["lognormalFromMoments(100, 0.5)", d.lognormalFromMoments(100, 0.5), 100, 2500],
    ["pareto(1, 5)", d.pareto(1, 5), 1.25, 5 / 48],
    ["zipf(100, 1)", d.zipf(100, 1), 19.277563597396004, 601.8925034168507],
    ["empirical([1, 2, 2, 9])", d.empirical([1, 2, 2, 9]), 3.5, 10.25],
    ["histogram([0, 10, 20], [3, 1])", d.histogram([0, 10, 20], [3, 1]), 7.5, 27.083333333333343],
  ])("%s has sample moments within 2%% of its mean and 5%% of its variance", (_name, dist, mean, variance) => {
    expect(dist.mean).toBeCloseTo(mean, 9);
    expect(dist.variance).toBeCloseTo(variance, 6);
    const m = moments(dist, 200_000);
    expect(Math.abs(m.mean - mean) / mean).toBeLessThan(0.02);
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
  });

  it("zipf(3, 1).sample() draws rank k with probability proportional to 1/k", () => {
    const dist = d.zipf(3, 1);
    const rng = seeded();
    const counts = [0, 0, 0, 0];
    const n = 110_000;
    for (let i = 0; i < n; i++) counts[dist.sample(rng)]++;
    expect(counts[0]).toBe(0);
    expect(counts[1] / n).toBeCloseTo(6 / 11, 2);
    expect(counts[2] / n).toBeCloseTo(3 / 11, 2);
    expect(counts[3] / n).toBeCloseTo(2 / 11, 2);
  });

  it("pareto(1, 1).mean is Infinity and pareto(1, 2).variance is Infinity", () => {
    expect(d.pareto(1, 1).mean).toBe(Infinity);
    expect(d.pareto(1, 2).variance).toBe(Infinity);
  });

  it("drawAlias(aliasTable(weights)) never draws a zero-weight index", () => {
    const table = d.aliasTable([0, 5, 0, 1]);
    const rng = seeded();
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(d.drawAlias(table, rng));
    expect([...seen].sort()).toEqual([1, 3]);
  });

  it("distribution constructors reject invalid parameters", () => {
    expect(() => d.exponential(0)).toThrow("exponential requires a positive mean, got 0");
    expect(() => d.uniform(3, 1)).toThrow("uniform requires high >= low");
    expect(() => d.zipf(0, 1)).toThrow("zipf requires an integer n >= 1");
    expect(() => d.empirical([])).toThrow("empirical requires at least one sample");
    expect(() => d.histogram([0, 1], [1, 1])).toThrow("edges.length === weights.length + 1");
    expect(() => d.aliasTable([0, 0])).toThrow("at least one positive weight");
  });
});
