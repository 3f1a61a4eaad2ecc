import { describe, expect, it } from "vitest";
import { independenceBand, restoreMetrics, type AgentOutcome, type VmOutcome } from "../../../../src/lab/kinds/restore/results.ts";
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

describe("restoreMetrics: the band of timeToIndependence", () => {
  /** VMs with TTS 40 and 60 s (bands 38–47 and 57–70 s) and switch-over at 200 and 300 s. */
  function switched(relocationStart: string) {
    const base = outcome([40, 60]);
    const bands = [{ lower: 38, upper: 47 }, { lower: 57, upper: 70 }];
    base.vms.forEach((vm, i) => {
      vm.ttsBandNs = { lower: bands[i].lower * S, upper: bands[i].upper * S };
      vm.ttiNs = (200 + 100 * i) * S;
      vm.ttiBandNs = independenceBand(relocationStart, vm.ttsNs, vm.ttsBandNs, vm.ttiNs);
    });
    return restoreMetrics(base);
  }

  it("relocation after service ready: each VM's switch-over moves with its service ready (mean 250 s, band 247.5–258.5 s)", () => {
    // Hand-computed: VM 0 198–207 s, VM 1 297–310 s; means 247.5 and 258.5.
    expect(metric(switched("after-service-ready"), "timeToIndependence")).toMatchObject({ value: 250, lower: 247.5, upper: 258.5 });
  });

  it("relocation from power-on: the copy does not move with the reading, the band is the point", () => {
    expect(metric(switched("with-power-on"), "timeToIndependence")).toMatchObject({ value: 250, lower: 250, upper: 250 });
  });

  it("no band when a VM has none", () => {
    const base = outcome([40]);
    base.vms[0].ttiNs = 200 * S;
    const tti = metric(restoreMetrics(base), "timeToIndependence");
    expect(tti?.value).toBe(200);
    expect(tti?.lower).toBeUndefined();
  });
});
