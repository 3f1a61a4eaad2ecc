import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { RecordedDevice, transferredNs, type RecordedOptions } from "../../../src/models/devices/recorded.ts";
import { startGuestReplay, submitTo } from "../../../src/workloads/replay/driver.ts";
import { inferReplayPlan } from "../../../src/workloads/replay/plan.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import { BOOT_TRACES, tracePath } from "../fixtures.ts";

const MIB = 2 ** 20;

interface Boot {
  /** Predicted service ready, ns. */
  readyNs: number;
  /** Requests issued up to the cut, and their read + write bytes counted from the trace. */
  issued: number;
  bytes: number;
  /** The disk's busy time (transfers only), ns. */
  busyNs: number;
  /** Per request: completion − issue − (recorded latency + addedDelay), ns: what the disk added. */
  extraNs: number[];
}

/** Replays `name` closed-loop (prior model) on a recorded device with `options`, cut at service ready. */
function boot(name: string, options: Partial<RecordedOptions>): Boot {
  const readyUs = BOOT_TRACES.find((t) => t.name === name)!.serviceReadyUs;
  const plan = inferReplayPlan([...readRtolabCsv(tracePath(`${name}.csv`))]);
  const sim = new Simulation();
  const disk = new RecordedDevice(sim, "disk", options);
  const run = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests), milestones: { serviceReady: readyUs }, stopAtUs: readyUs });
  sim.run();
  expect(run.finished).toBe(true);
  const issued = plan.requests.slice(0, run.total);
  const bytes = issued.reduce((sum, r) => sum + (r.op === "F" ? 0 : r.length), 0);
  const counters = disk.counters();
  expect(counters.bytesRead + counters.bytesWritten).toBe(bytes);
  const extraNs = issued.map((r, i) => run.completionNs(i)! - run.issueNs(i)! - Math.round((r.latencyUs ?? 0) * 1000 + (options.addedDelay ?? 0)));
  return { readyNs: run.milestoneNs("serviceReady")!, issued: run.total, bytes, busyNs: counters.busyNs, extraNs };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

// Pinned (ns), closed-loop prior model (resume cost 531 µs, rule 5), all requests (reads, writes, flushes) on the one disk:
//
// | trace   | limit   | issued | bytes to cut | busy           | service ready   | × unlimited | fixed delay/request | fixed-delay ready | × unlimited |
// |---------|---------|--------|--------------|----------------|-----------------|-------------|---------------------|-------------------|-------------|
// | g2boot1 | none    | 4297   | 112 386 560  | —              |  23 216 375 000 | 1           |                     |                   |             |
// | g2boot1 | 4 MiB/s | 4297   | 112 386 560  | 26 795 043 945 |  48 181 692 014 | 2.0753      | 6 235 756           |    47 121 339 728 | 2.0297      |
// | g2boot1 | 1 MiB/s | 4297   | 112 386 560  | 107 180 175 781| 125 533 329 219 | 5.4071      | 24 943 024          |   113 307 653 912 | 4.8805      |
// | k2boot1 | none    | 1430   |  62 859 264  | —              |  18 864 750 000 | 1           |                     |                   |             |
// | k2boot1 | 4 MiB/s | 1430   |  62 859 264  | 14 986 816 406 |  30 979 467 822 | 1.6422      | 10 480 291          |    26 678 993 901 | 1.4142      |
// | k2boot1 | 1 MiB/s | 1430   |  62 859 264  | 59 947 265 625 |  73 137 687 563 | 3.8769      | 41 921 165          |    49 033 455 315 | 2.5992      |
//
// The fixed delay is the same busy time spread evenly (busy / issued per request, as addedDelay and flushDelay).
// It stretches every boot less than the limit does (the limited boot is 2.3%, 10.8%, 16.1% and
// 49.2% longer, in table order): under a fixed delay the requests the guest keeps in flight
// overlap their delays; under the limit they queue behind one another, and a request waits for
// the bytes of those ahead of it, not for the average.
const CASES = [
  { name: "g2boot1", readyUs: 23_216_375, bandwidth: 4 * MIB, issued: 4297, bytes: 112_386_560, busyNs: 26_795_043_945, readyNs: 48_181_692_014, ratio: 2.0753, perRequest: 6_235_756, fixedNs: 47_121_339_728, fixedRatio: 2.0297, meanExtraNs: 9_828_978, maxExtraNs: 348_337_375 },
  { name: "g2boot1", readyUs: 23_216_375, bandwidth: 1 * MIB, issued: 4297, bytes: 112_386_560, busyNs: 107_180_175_781, readyNs: 125_533_329_219, ratio: 5.4071, perRequest: 24_943_024, fixedNs: 113_307_653_912, fixedRatio: 4.8805, meanExtraNs: 42_756_637, maxExtraNs: 1_446_630_750 },
  { name: "k2boot1", readyUs: 18_864_750, bandwidth: 4 * MIB, issued: 1430, bytes: 62_859_264, busyNs: 14_986_816_406, readyNs: 30_979_467_822, ratio: 1.6422, perRequest: 10_480_291, fixedNs: 26_678_993_901, fixedRatio: 1.4142, meanExtraNs: 16_406_782, maxExtraNs: 352_103_437 },
  { name: "k2boot1", readyUs: 18_864_750, bandwidth: 1 * MIB, issued: 1430, bytes: 62_859_264, busyNs: 59_947_265_625, readyNs: 73_137_687_563, ratio: 3.8769, perRequest: 41_921_165, fixedNs: 49_033_455_315, fixedRatio: 2.5992, meanExtraNs: 75_981_524, maxExtraNs: 1_048_392_500 },
] as const;

describe("replay on a bandwidth-limited recorded disk", () => {
  it.each(CASES)("startGuestReplay($name, $bandwidth B/s): busy = trace bytes / bandwidth, service ready $readyNs ns ≥ max(trace's, busy)", (c) => {
    const unlimited = boot(c.name, {});
    const limited = boot(c.name, { bandwidth: c.bandwidth });
    expect(unlimited.readyNs).toBe(c.readyUs * 1000);
    expect([limited.issued, limited.bytes]).toEqual([c.issued, c.bytes]);
    // (a) The disk is busy exactly for the trace's bytes up to the cut at the bandwidth (rounded once).
    expect(limited.busyNs).toBe(transferredNs(limited.bytes, c.bandwidth));
    expect(limited.busyNs).toBe(c.busyNs);
    expect(Math.abs(limited.busyNs - (limited.bytes * 1e9) / c.bandwidth)).toBeLessThanOrEqual(0.5);
    // (b) Neither the boot's own think times nor the disk's work can be undercut.
    expect(limited.readyNs).toBeGreaterThanOrEqual(Math.max(c.readyUs * 1000, limited.busyNs));
    // (c) The prediction and its stretch over the unlimited disk.
    expect(limited.readyNs).toBe(c.readyNs);
    expect(Number((limited.readyNs / unlimited.readyNs).toFixed(4))).toBe(c.ratio);
  });

  it.each(CASES)("startGuestReplay($name, $bandwidth B/s) stretches the boot by queueing, not by a fixed $perRequest ns per request", (c) => {
    const unlimited = boot(c.name, {});
    const limited = boot(c.name, { bandwidth: c.bandwidth });
    const perRequest = Math.round(limited.busyNs / limited.issued);
    expect(perRequest).toBe(c.perRequest);
    const fixed = boot(c.name, { addedDelay: perRequest, flushDelay: perRequest }); // every request, flushes too
    // (d) Same total disk time, different boots: the fixed delay is shorter.
    expect(fixed.readyNs).toBe(c.fixedNs);
    expect(Number((fixed.readyNs / unlimited.readyNs).toFixed(4))).toBe(c.fixedRatio);
    expect(fixed.readyNs).toBeLessThan(limited.readyNs);
    // Under the fixed delay every request gets exactly it on top of its recorded latency; under the
    // limit what the disk adds ranges from nothing (a flush with nobody ahead) to whole queues, and
    // averages more than the transfer time because of the wait in queue.
    expect(new Set(fixed.extraNs)).toEqual(new Set([0]));
    expect(Math.min(...limited.extraNs)).toBe(0);
    expect(Math.max(...limited.extraNs)).toBe(c.maxExtraNs);
    expect(Math.round(mean(limited.extraNs))).toBe(c.meanExtraNs);
    expect(mean(limited.extraNs)).toBeGreaterThan(perRequest);
  });
});
