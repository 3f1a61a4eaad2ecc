import { describe, expect, it } from "vitest";
import { restoreMetrics, type AgentOutcome, type VmOutcome } from "../../../../src/lab/kinds/restore/results.ts";
import { LatencyCollector, RelocationProgress } from "../../../../src/restore/metrics.ts";

const S = 1e9;

/** A finished replication of `tts.length` VMs with those TTS (s) and bands ±1 s, one idle media agent. */
function outcome(tts: readonly number[]) {
  const vms: VmOutcome[] = tts.map((seconds, vm) => ({
    vm,
    ttsNs: seconds * S,
    ttsBandNs: { lower: (seconds - 1) * S, upper: (seconds + 1) * S },
    bytesFromMediaAgent: 0,
    copier: null,
  }) as VmOutcome);
  const agent: AgentOutcome = {
    agent: 0, chunkSize: 4 << 20, fetches: 0, prestageInserted: 0, prestageRead: 0, demandMissed: 0, prestageOnTime: 0, prestageLate: 0,
    cpuBusyArea: 0, cpuBusyAtEnd: 0, cpuCores: 4, endNs: 100 * S, nicBusyNs: 0, storageBusyNs: 0,
  };
  return { endNs: 100 * S, vms, agents: [agent], latencies: new LatencyCollector(S), progress: new RelocationProgress(S, 0) };
}

const metric = (metrics: ReturnType<typeof restoreMetrics>, name: string) => metrics.find((m) => m.name === name);

describe("restoreMetrics: TTS over VMs", () => {
  it("ttsP50 and ttsP95 are metrics/statistics' type-7 quantiles, bands included", () => {
    // 20 VMs with TTS 1..20 s. Type 7: p50 at h = 9.5 → 10.5, p95 at h = 18.05 → 19.05 (nearest
    // rank, used before, gave 10 and 19).
    const metrics = restoreMetrics(outcome(Array.from({ length: 20 }, (_, i) => i + 1)));
    expect(metric(metrics, "tts")?.value).toBe(10.5);
    expect(metric(metrics, "ttsP50")?.value).toBe(10.5);
    expect(metric(metrics, "ttsP95")?.value).toBeCloseTo(19.05, 9);
    expect(metric(metrics, "ttsP95")?.lower).toBeCloseTo(18.05, 9);
    expect(metric(metrics, "ttsP95")?.upper).toBeCloseTo(20.05, 9);
    expect(metric(metrics, "ttsMax")?.value).toBe(20);
  });

  it("one VM has a tts and no quantiles; no VM reaching service reports tts 0", () => {
    const one = restoreMetrics(outcome([42]));
    expect(metric(one, "tts")).toMatchObject({ value: 42, lower: 41, upper: 43 });
    expect(metric(one, "ttsP95")).toBeUndefined();
    expect(metric(restoreMetrics(outcome([])), "tts")?.value).toBe(0);
  });
});
