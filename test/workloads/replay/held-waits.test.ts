import { describe, expect, it } from "vitest";
import { loadWhatIfPairs } from "../../../src/cli/commands/validate.ts";
import { backendServiceUs, heldWaitsUs } from "../../../src/workloads/replay/held-waits.ts";
import { traceTimes } from "../../../src/workloads/replay/plan.ts";
import { filterWaitsUs } from "../../../src/workloads/replay/throttle.ts";
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
