import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { latencyPercentilesMs, vmBootKind, type VmBootSpec } from "../../../src/lab/kinds/vm-boot.ts";
import { runScenario, type RunResult } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";
import { isInputError } from "../../../src/util/errors.ts";
import { calibrateReplayPlan } from "../../../src/workloads/replay/calibrate.ts";
import { planFileText } from "../../../src/workloads/replay/plan-file.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import { convertTrace, openTraceWriter } from "../../../src/workloads/traces/convert.ts";
import { openTrace } from "../../../src/workloads/traces/open.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const scenario = join(repo, "scenarios/boot/boot-one-vm.yaml");
const GBOOT1_READY_S = 35.724121;
/** TTS (s) of replay-rate-filter.yaml's variants, seed 1 (docs/replay.md, "Bandwidth and queueing"). */
const PINNED_RATE_FILTER = [
  ["g2boot1-4MiB", 32.861856375],
  ["g2boot1-1MiB", 106.3243515],
  ["k2boot1-4MiB", 22.190013311],
  ["k2boot1-1MiB", 66.7379625],
];

const metric = (result: RunResult, variant: string, name: string): number | undefined =>
  result.variants.find((v) => v.name === variant)?.replications[0].metrics.find((m) => m.name === name)?.value;

describe("vm-boot", () => {
  it("loadScenario(boot-one-vm.yaml) declares the four storage variants", () => {
    const loaded = loadScenario(scenario);
    expect(loaded.variants.map((v) => v.name)).toEqual(["local-ssd", "local-hdd", "dedup-10gbe", "objectstore-10gbe"]);
    const dedup = loaded.variants[2].scenario.model as VmBootSpec;
    expect(dedup.disk).toMatchObject({ attach: "remote", link: { bandwidth: 1.25e9, latency: 50_000 }, storage: { device: "dedup", chunkSize: 4 * 2 ** 20 } });
    expect(dedup.serviceReady).toBe(35_724_121_000);
  });

  it("runScenario(boot-one-vm, seed 1) gives golden TTS: ssd < hdd < dedup < object store", () => {
    const result = runScenario(loadScenario(scenario), { seed: 1 });
    const tts = result.variants.map((v) => [v.name, metric(result, v.name, "tts")]);
    expect(tts).toEqual([
      ["local-ssd", 35.77528232],
      ["local-hdd", 41.3696928],
      ["dedup-10gbe", 211.788486854],
      ["objectstore-10gbe", 436.83395798],
    ]);
    expect(result.variants.map((v) => v.replications[0].fingerprint)).toEqual(["a65638ca", "530abf15", "f0cc18fc", "70ac7fa3"]);
    // The SSD answers in ~0.1–0.4 ms, slower than the recorded disk's page-cache hits (~25 µs): with the
    // guest's resume cost on each wait (rule 5, docs/replay.md) the boot is 0.14% longer than the trace's.
    expect(Number(((metric(result, "local-ssd", "tts") ?? 0) / GBOOT1_READY_S - 1).toFixed(4))).toBe(0.0014);
    expect(metric(result, "dedup-10gbe", "readAmplification")).toBeGreaterThan(100);
    expect(metric(result, "local-ssd", "readAmplification")).toBe(1);
    expect(metric(result, "objectstore-10gbe", "readLatencyP50")).toBeGreaterThan(90);
    expect(result.variants.map((v) => metric(result, v.name, "readsServed"))).toEqual([4235, 4235, 4235, 4235]);
  });

  it("model.resume sets rule 5's resume cost: 0us gives the boot without it (local SSD 35.568 s, below the trace's 35.724 s), 531us the default", () => {
    const at = (sets: string[]): number => metric(runScenario(loadScenario(scenario, { sets: [...sets, "variants=[]"] }), { seed: 1 }), "base", "tts") ?? 0;
    expect([at(["model.resume=0us"]), at(["model.resume=531us"]), at([])]).toEqual([35.56819832, 35.77528232, 35.77528232]);
    expect(() => loadScenario(scenario, { sets: ["model.resume=-1us"] })).toThrow(/model\.resume/);
  });

  it("vmBootKind.runReplication(recorded disk) is gboot1's service ready but for the write area: 35.18 s, −1.5%", () => {
    const loaded = loadScenario(scenario, { sets: ["model.disk={attach: local, storage: {device: recorded}}", "variants=[]"] });
    const result = runScenario(loaded, { seed: 1 });
    // Flushes and reads of written data go to the SSD write area, not to the recorded disk, and
    // the guest waits for flushes: those requests complete sooner than they did in the trace.
    expect(metric(result, "base", "tts")).toBe(35.175903408);
  });

  it("runScenario(model.trace: nbdkit's log as written, recorded disk) replays its reads at their logged latencies: median 2.164 ms of 2.119, 2.164, 2.172", () => {
    const trace = "../../test/workloads/traces/fixtures/nbdkit-delay2ms.log"; // real, made as test/workloads/traces/nbdkit-log.test.ts says
    const loaded = loadScenario(scenario, { sets: ["model.disk={attach: local, storage: {device: recorded}}", "variants=[]", `model.trace=${trace}`, "model.serviceReady=16732us"] });
    const result = runScenario(loaded, { seed: 1 });
    expect(metric(result, "base", "readLatencyP50")).toBe(2.164);
    expect(metric(result, "base", "tts")).toBeLessThanOrEqual(0.016732); // the log's last completion; flushes go to the faster write area
  });

  it("runScenario(replay-bandwidth: g2boot1 on a 4 MiB/s recorded disk, seed 1) pins TTS 48.01 s, ×2.07 the unlimited disk's", () => {
    const file = join(repo, "scenarios/validation/replay-bandwidth.yaml");
    const loaded = loadScenario(file);
    expect((loaded.variants[0].scenario.model as VmBootSpec).disk).toEqual({ attach: "local", storage: { device: "recorded", addedDelay: 0, removedDelay: 0, flushDelay: 0, missingLatency: 0, bandwidth: 4 * 2 ** 20, rateLimit: 0, burstiness: 2e9 } });
    const limited = runScenario(loaded, { seed: 1 });
    const unlimited = runScenario(loadScenario(file, { sets: ["model.disk.storage.bandwidth=0"] }), { seed: 1 });
    const tts = metric(limited, "base", "tts") ?? 0;
    expect(tts).toBe(48.013490125);
    expect(limited.variants[0].replications[0].fingerprint).toBe("89f28d65");
    expect(metric(unlimited, "base", "tts")).toBe(23.21355672);
    expect(Number((tts / (metric(unlimited, "base", "tts") ?? 1)).toFixed(4))).toBe(2.0683);
    // Only reads reach the disk (writes go to the write area): 105.54 MiB at 4 MiB/s is 26.38 s of
    // transfer, which the boot cannot undercut.
    const readMiB = metric(limited, "base", "bytesReadFromStorage") ?? 0;
    expect(readMiB).toBe(105.53857421875);
    expect(tts).toBeGreaterThan(readMiB / 4);
  });

  it("runScenario(replay-rate-filter: g2boot1, k2boot1 behind nbdkit's rate filter at 4 and 1 MiB/s, 2 s burst) pins TTS, never under (read bytes − bucket) / rate", () => {
    const file = join(repo, "scenarios/validation/replay-rate-filter.yaml");
    const loaded = loadScenario(file);
    expect((loaded.variants[0].scenario.model as VmBootSpec).disk).toMatchObject({ storage: { device: "recorded", bandwidth: 0, rateLimit: 4 * 2 ** 20, burstiness: 2e9 } });
    const result = runScenario(loaded, { seed: 1 });
    const rows = result.variants.map((v) => [v.name, metric(result, v.name, "tts"), metric(result, v.name, "bytesReadFromStorage")]);
    expect(rows.map(([name, tts]) => [name, tts])).toEqual(PINNED_RATE_FILTER);
    for (const [name, tts, readMiB] of rows as [string, number, number][]) {
      const mib = name.endsWith("-4MiB") ? 4 : 1;
      // The bucket starts with 2 s of the rate; every read byte beyond it passes at the rate at most.
      expect(tts).toBeGreaterThan((readMiB - 2 * mib) / mib);
    }
  });

  it("vmBootKind.runReplication(missing trace) throws an InputError naming model.trace", () => {
    const spec = loadScenario(scenario, { sets: ["model.trace=../../traces/nope.csv"] }).variants[0].scenario.model as VmBootSpec;
    const run = () => vmBootKind.runReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: join(repo, "scenarios/boot") });
    expect(run).toThrow(/model\.trace: an existing boot trace \(any format rtolab reads\)/);
    try {
      run();
    } catch (error) {
      expect(isInputError(error)).toBe(true);
    }
  });

  it("vmBootKind.runReplication(trace outside the project) refuses the path, naming the scenario and field", () => {
    const spec = loadScenario(scenario, { sets: ["model.trace=/etc/passwd"] }).variants[0].scenario.model as VmBootSpec;
    const run = () =>
      vmBootKind.runReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: join(repo, "scenarios/boot"), scenarioFile: scenario });
    expect(run).toThrow(`${scenario}: model.trace: a path inside ${repo.replace(/\/$/, "")} (the scenario's project; allow another folder with --data-dir DIR or dataDir), not /etc/passwd`);
  });

  it("latencyPercentilesMs(ns) interpolates between order statistics (R type 7)", () => {
    const p = latencyPercentilesMs([4e6, 1e6, 3e6, 2e6]);
    expect([p.p50, p.p95, p.p99, p.max].map((v) => Number(v.toFixed(12)))).toEqual([2.5, 3.85, 3.97, 4]);
    expect(latencyPercentilesMs([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });
  it("vm-boot with replayPlan: a plan calibrated on k2boot1 + k2boot_d20ms replays k2boot1 + 20 ms in 32.71 s (measured 31.77 s, +3.0%); chain and slack readings bracket it", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-plan-"));
    copyFileSync(join(repo, "traces/k2boot1.csv"), join(dir, "k2boot1.csv"));
    const base = [...readRtolabCsv(join(dir, "k2boot1.csv"))];
    const { plan } = calibrateReplayPlan(base, [...readRtolabCsv(join(repo, "traces/k2boot_d20ms.csv"))]);
    writeFileSync(join(dir, "k2.plan.json"), planFileText(plan, base, {}, {}));
    const file = join(dir, "s.yaml");
    writeFileSync(file, [
      "version: 1", "name: k2-calibrated", "sources: [test]", "model:", "  kind: vm-boot", "  trace: k2boot1.csv", "  serviceReady: 18864750us",
      "  replayPlan: k2.plan.json", "  disk: { attach: local, storage: { device: recorded, addedDelay: 20ms } }",
      "variants:", "  - { name: calibrated, set: {} }", "  - { name: chain, set: { model.replay: chain } }", "  - { name: slack, set: { model.replay: slack } }", "",
    ].join("\n"));
    const result = runScenario(loadScenario(file), { seed: 1 });
    const tts = ["calibrated", "chain", "slack"].map((v) => Number((metric(result, v, "tts") ?? 0).toFixed(2)));
    expect(tts[0]).toBe(32.71);
    expect(tts[1]).toBeGreaterThan(tts[0]);
    expect(tts[2]).toBeLessThan(tts[0]);
  });

  it("vmBootKind reads model.trace in any format rtolab reads (detected as trace info does): an MSR trace replays as its CSV twin", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-vmboot-formats-"));
    const write = (file: string, requests: Iterable<import("../../../src/workloads/traces/types.ts").TraceRequest>, format: "csv" | "msr") => {
      const out = openTraceWriter(join(dir, file));
      const written = convertTrace(requests, out, { format });
      out.close();
      return written;
    };
    // boot1 as MSR (flushes are not representable: 39 dropped), then that MSR back to CSV: the same 1728 requests.
    expect(write("boot1.msr.csv", openTrace(join(repo, "traces/boot1.csv"), "csv"), "msr")).toEqual({ written: 1728, skipped: 39 });
    write("boot1-twin.csv", openTrace(join(dir, "boot1.msr.csv"), "msr"), "csv");
    const run = (trace: string) => {
      const file = join(dir, `${trace}.yaml`);
      writeFileSync(file, `version: 1\nname: f\nmodel:\n  kind: vm-boot\n  trace: ${trace}\n  serviceReady: 20s\n  disk: { attach: local, storage: { device: hdd } }\n`);
      return runScenario(loadScenario(file));
    };
    const [msr, csv] = [run("boot1.msr.csv"), run("boot1-twin.csv")];
    expect(msr.events).toBeGreaterThan(1000);
    expect([msr.fingerprint, msr.events]).toEqual([csv.fingerprint, csv.events]);
  });
});
