import { describe, expect, it } from "vitest";
import { loadWhatIfPairs } from "../../../src/cli/commands/validate.ts";
import { backendServiceUs, heldWaitsUs } from "../../../src/workloads/replay/held-waits.ts";
import { milestoneBand } from "../../../src/workloads/replay/band.ts";
import { inferReplayPlan, type ReplayInferenceOptions, traceTimes } from "../../../src/workloads/replay/plan.ts";
import { type DiskThrottle, filterWaitsUs } from "../../../src/workloads/replay/throttle.ts";
import { predictWhatIf, priorResumeUs, type WhatIfPair } from "../../../src/workloads/replay/validate.ts";
import { cacheWaitsUs } from "../../../src/workloads/replay/warm-cache.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const r = (timeUs: number, latencyUs: number, op: TraceRequest["op"] = "R"): TraceRequest => ({ timeUs, op, offset: 0, length: 4096, latencyUs });
const anyQueue = (): boolean => true;

describe("heldWaitsUs", () => {
  it("a request the model held alone waits its latency less the backend's service; a free request alone waits nothing", () => {
    const requests = [r(0, 40), r(100, 30_050), r(40_000, 60), r(50_000, 50)];
    // backend = median of the free reads 40, 60, 50
    expect([...heldWaitsUs(requests, new Float64Array([0, 30_000, 0, 0]), anyQueue)]).toEqual([0, 30_000, 0, 0]);
  });

  it("a request in flight beside a held one on the same queue is read from its own latency, whatever the model gave it (the race)", () => {
    // The model let the first read pass and held the second 25 ms; the recording says the first waited.
    const requests = [r(0, 30_040), r(10, 5_030), r(50_000, 40), r(60_000, 40)];
    expect([...heldWaitsUs(requests, new Float64Array([0, 25_000, 0, 0]), anyQueue)]).toEqual([30_000, 4_990, 0, 0]);
  });

  it("requests on another queue (the rate filter's write bucket beside a held read) or a flush the queue ignores stay as the model had them", () => {
    const requests = [r(0, 30_040), r(10, 20_000, "W"), r(20, 15_000, "F"), r(50_000, 40)];
    const sameBucket = (a: TraceRequest, b: TraceRequest): boolean => a.op === b.op && a.op !== "F";
    expect([...heldWaitsUs(requests, new Float64Array([30_000, 0, 0, 0]), sameBucket)]).toEqual([30_000, 0, 0, 0]);
    expect([...heldWaitsUs(requests, new Float64Array([30_000, 0, 0, 0]), anyQueue)]).toEqual([30_000, 19_960, 14_960, 0]);
  });

  it("never below 0: a held request faster than the backend's median waited nothing", () => {
    expect([...heldWaitsUs([r(0, 20), r(100, 50), r(200, 60)], new Float64Array([5, 0, 0]), anyQueue)]).toEqual([0, 0, 0]);
  });

  it("backendServiceUs: the median latency of the reads not involved (writes do not count); 0 with none", () => {
    expect(backendServiceUs([r(0, 30), r(0, 90, "W"), r(0, 50), r(0, 10)], new Uint8Array([0, 0, 0, 1]))).toBe(30);
    expect(backendServiceUs([r(0, 30)], new Uint8Array([1]))).toBe(0);
  });
});

/** latency − modelled wait of the reads the model held, in ms: alone in the device, or beside another request. */
function residuals(requests: readonly TraceRequest[], modelled: Float64Array): { alone: number[]; beside: number[]; positiveS: number } {
  const { issue, completion } = traceTimes(requests);
  const alone: number[] = [];
  const beside: number[] = [];
  let positiveS = 0;
  requests.forEach((q, i) => {
    if (q.op === "F") return;
    positiveS += Math.max(0, (q.latencyUs ?? 0) - modelled[i]) / 1e6;
    if (q.op !== "R" || modelled[i] <= 0) return;
    const overlaps = requests.some((o, k) => k !== i && o.op !== "F" && issue[k] < completion[i] && completion[k] > issue[i]);
    (overlaps ? beside : alone).push(((q.latencyUs ?? 0) - modelled[i]) / 1000);
  });
  return { alone, beside, positiveS };
}
const quantile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.floor(p * (values.length - 1))];
const round1 = (x: number): number => Math.round(x * 10) / 10;

describe("the evidence in the recordings (docs/replay.md, \"Waits a queue decides\")", () => {
  it("behind nbdkit's rate filter at 1 MiB/s: the model's wait of a read the filter held alone leaves the backend's 0.3 ms; beside others it leaves −164 to +90 ms (10th and 90th percentiles), 13–21 s of service a boot", () => {
    const rows = ["k3boot_rate8M", "k5boot_rate8M1", "k5boot_rate8M2", "k5boot_rate8M3"].map((name) => {
      const requests = [...readRtolabCsv(tracePath(`${name}.csv`))];
      const { alone, beside, positiveS } = residuals(requests, filterWaitsUs(requests, { rateBytesPerS: 2 ** 20, burstinessUs: 2_000_000 }));
      return [name, round1(quantile(alone, 0.5)), Math.round(quantile(beside, 0.1)), Math.round(quantile(beside, 0.9)), Math.round(positiveS)];
    });
    expect(rows).toEqual([
      ["k3boot_rate8M", 0.3, -164, 39, 17],
      ["k5boot_rate8M1", 0.3, -124, 39, 13],
      ["k5boot_rate8M2", 0.3, -96, 81, 19],
      ["k5boot_rate8M3", 0.3, -86, 90, 21],
    ]);
  });

  it("through a cold cache in front of a server slowed by 20 ms: alone 0.5–1 ms left (a server call's own cost), beside others −20 to +112 ms, 17–21 s a boot", () => {
    const rows = ["traces/what-if-pairs-k3.json", "traces/what-if-pairs-k5.json"].flatMap((file) =>
      loadWhatIfPairs(file).filter((p) => p.cache !== undefined && p.cache.profile.length === 0).map((p) => {
        const requests = p.delayed.requests;
        const { alone, beside, positiveS } = residuals(requests, cacheWaitsUs(requests, p.cache!, p.delayUs));
        return [p.delayed.name, round1(quantile(alone, 0.5)), Math.round(quantile(beside, 0.1)), Math.round(quantile(beside, 0.9)), Math.round(positiveS)];
      }),
    );
    expect(rows).toEqual([
      ["k3cold_d20ms", 1, -19, 105, 18],
      ["k3cold_d20ms2", 0.8, -19, 109, 20],
      ["g3cold_d20ms", 0.5, -18, 95, 20],
      ["k5cold_d20ms1", 0.9, -20, 111, 21],
      ["k5cold_d20ms2", 0.9, -18, 112, 19],
      ["k5cold_d20ms3", 0.8, -17, 83, 17],
    ]);
  });
});

/**
 * Stretch − shrink (s) of each rate-filter and cold-cache pair of a file, the faster direction
 * read both ways: with the device model's own split of the waits (before held-waits.ts) and with
 * the held waits the validation now uses.
 */
function lines(file: string): Array<[string, number, number]> {
  const pairs = loadWhatIfPairs(file);
  const options = (p: WhatIfPair): ReplayInferenceOptions => ({ threads: p.threads, resumeUs: priorResumeUs(pairs) });
  return pairs.filter((p) => p.throttle !== undefined || (p.cache !== undefined && p.cache.profile.length === 0)).map((p) => {
    const stretchUs = predictWhatIf(p, "slower", options(p)).point - p.base.serviceReadyUs;
    const shrinkNow = p.delayed.serviceReadyUs - predictWhatIf(p, "faster", options(p)).point;
    const requests = p.delayed.requests;
    const modelled = p.cache !== undefined ? cacheWaitsUs(requests, p.cache, p.delayUs) : filterWaitsUs(requests, p.throttle as DiskThrottle);
    const added = (i: number): number => (p.cache !== undefined ? modelled[i] : requests[i].op === "F" ? 0 : p.delayUs + modelled[i]);
    const plan = inferReplayPlan(requests, options(p));
    const before = milestoneBand(plan, p.delayed.serviceReadyUs, (i) => Math.max(0, (requests[i].latencyUs ?? 0) - added(i))).point;
    const shrinkBefore = p.delayed.serviceReadyUs - before;
    const s = (us: number): number => Math.round(us / 1e4) / 100 + 0;
    return [p.name, s(stretchUs - shrinkBefore), s(stretchUs - shrinkNow)];
  });
}

describe("the faster direction with held waits: stretch − shrink (the noise-free judge), model's split → held waits", () => {
  it("third campaign (seen when the estimator was chosen): 1 MiB/s 7.48 → 3.13 s, cold caches 3.52 / 3.67 / GRUB 4.07 → 0.92 / 0.55 / 0.43 s, 4 MiB/s unchanged", () => {
    expect(lines("traces/what-if-pairs-k3.json")).toEqual([
      ["k3boot3 rate=32M", 0.39, 0.39],
      ["k3boot5 rate=8M", 7.48, 3.13],
      ["k3boot15 +20ms, cold cache", 3.52, 0.92],
      ["k3boot19 +20ms, cold cache (again)", 3.67, 0.55],
      ["g3boot5 +20ms, cold cache (GRUB)", 4.07, 0.43],
    ]);
  });

  it("fifth campaign (recorded before, seen when it was chosen): the three cold caches 3.65 / 3.85 / 4.40 → 0.38 / 0.09 / 1.93 s; at 1 MiB/s the spread −5.39…+5.13 s becomes −8.47…−4.29 s, the slower direction's own shortfall", () => {
    expect(lines("traces/what-if-pairs-k5.json")).toEqual([
      ["k5boot1 rate=8M", -5.39, -8.47],
      ["k5boot3 rate=8M (again)", -2.6, -5.92],
      ["k5boot5 rate=8M (third)", 5.13, -4.29],
      ["k5boot7 +20ms, cold cache", 3.65, 0.38],
      ["k5boot8 +20ms, cold cache (again)", 3.85, 0.09],
      ["k5boot9 +20ms, cold cache (third)", 4.4, 1.93],
    ]);
  });

  it("sixth campaign (recorded after it, out of sample): cold cache at +10 ms 1.78 / 1.69 → 0.12 / −0.02 s; 2 MiB/s 0.97 / −2.05 → 0.46 / −3.70 s; 1 MiB/s −0.80 / +4.00 / +3.17 → −5.35 / −2.71 / −1.22 s (the shrink now too large where it was too small)", () => {
    expect(lines("traces/what-if-pairs-k6.json")).toEqual([
      ["k6boot1 rate=16M", 0.97, 0.46],
      ["k6boot2 +10ms, cold cache", 1.78, 0.12],
      ["k6boot3 rate=16M (again)", -2.05, -3.7],
      ["k6boot4 +10ms, cold cache (again)", 1.69, -0.02],
      ["k6boot5 rate=8M", -0.8, -5.35],
      ["k6boot6 rate=8M (again)", 4, -2.71],
      ["k6boot7 rate=8M (third)", 3.17, -1.22],
    ]);
  });
});
