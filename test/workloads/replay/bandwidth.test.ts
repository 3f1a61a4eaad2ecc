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
// | g2boot1 | 4 MiB/s | 4297   | 112 386 560  | 26 795 043 945 |  48 177 821 202 | 2.0752      | 6 235 756           |    47 161 856 264 | 2.0314      |
// | g2boot1 | 1 MiB/s | 4297   | 112 386 560  | 107 180 175 781| 125 563 584 719 | 5.4084      | 24 943 024          |   113 460 414 056 | 4.8871      |
// | k2boot1 | none    | 1430   |  62 859 264  | —              |  18 864 750 000 | 1           |                     |                   |             |
// | k2boot1 | 4 MiB/s | 1430   |  62 859 264  | 14 986 816 406 |  30 999 102 132 | 1.6432      | 10 480 291          |    26 734 000 356 | 1.4171      |
// | k2boot1 | 1 MiB/s | 1430   |  62 859 264  | 59 947 265 625 |  73 079 576 563 | 3.8739      | 41 921 165          |    49 245 666 140 | 2.6105      |
//
// The fixed delay is the same busy time spread evenly (busy / issued per request, as addedDelay and flushDelay).
// It stretches every boot less than the limit does (the limited boot is 2.2%, 10.7%, 16.0% and
// 48.4% longer, in table order): under a fixed delay the requests the guest keeps in flight
// overlap their delays; under the limit they queue behind one another, and a request waits for
// the bytes of those ahead of it, not for the average.
const CASES = [
  { name: "g2boot1", readyUs: 23_216_375, bandwidth: 4 * MIB, issued: 4297, bytes: 112_386_560, busyNs: 26_795_043_945, readyNs: 48_177_821_202, ratio: 2.0752, perRequest: 6_235_756, fixedNs: 47_161_856_264, fixedRatio: 2.0314, meanExtraNs: 9_734_569, maxExtraNs: 348_337_375 },
  { name: "g2boot1", readyUs: 23_216_375, bandwidth: 1 * MIB, issued: 4297, bytes: 112_386_560, busyNs: 107_180_175_781, readyNs: 125_563_584_719, ratio: 5.4084, perRequest: 24_943_024, fixedNs: 113_460_414_056, fixedRatio: 4.8871, meanExtraNs: 42_667_951, maxExtraNs: 1_446_630_750 },
  { name: "k2boot1", readyUs: 18_864_750, bandwidth: 4 * MIB, issued: 1430, bytes: 62_859_264, busyNs: 14_986_816_406, readyNs: 30_999_102_132, ratio: 1.6432, perRequest: 10_480_291, fixedNs: 26_734_000_356, fixedRatio: 1.4171, meanExtraNs: 16_393_477, maxExtraNs: 352_103_437 },
  { name: "k2boot1", readyUs: 18_864_750, bandwidth: 1 * MIB, issued: 1430, bytes: 62_859_264, busyNs: 59_947_265_625, readyNs: 73_079_576_563, ratio: 3.8739, perRequest: 41_921_165, fixedNs: 49_245_666_140, fixedRatio: 2.6105, meanExtraNs: 75_773_460, maxExtraNs: 1_048_392_500 },
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

// Pinned (ns), same replay and disk as above but behind nbdkit's rate filter (rateLimit, burstiness 2 s)
// instead of the FIFO limit; reads and writes count against separate buckets of 2 s × the rate.
//
// | trace   | limit   | read bytes  | write bytes | waited (of issued) | service ready   | × unlimited | FIFO ready      |
// |---------|---------|-------------|-------------|--------------------|-----------------|-------------|-----------------|
// | g2boot1 | 4 MiB/s | 110 686 720 | 1 699 840   | 2039 / 4297        |  33 083 383 329 | 1.4250      |  48 177 821 202 |
// | g2boot1 | 1 MiB/s | 110 686 720 | 1 699 840   | 3406 / 4297        | 106 344 859 313 | 4.5806      | 125 563 584 719 |
// | k2boot1 | 4 MiB/s |  62 789 632 |    69 632   |  210 / 1430        |  22 194 163 702 | 1.1765      |  30 999 102 132 |
// | k2boot1 | 1 MiB/s |  62 789 632 |    69 632   |  750 / 1430        |  66 754 564 063 | 3.5386      |  73 079 576 563 |
//
// The rate filter stretches every boot less than the FIFO limit of the same rate: its bucket lets
// the first 2 s of the rate through at once (8 MiB at 4 MiB/s: 7.6% of g2boot1's reads, 13.4% of
// k2boot1's) and refills during the guest's think times, where the FIFO disk has no such credit.
const RATE_CASES = [
  { name: "g2boot1", readyUs: 23_216_375, rateLimit: 4 * MIB, readBytes: 110_686_720, writeBytes: 1_699_840, waited: 2039, readyNs: 33_083_383_329, ratio: 1.425, fifoNs: 48_177_821_202 },
  { name: "g2boot1", readyUs: 23_216_375, rateLimit: 1 * MIB, readBytes: 110_686_720, writeBytes: 1_699_840, waited: 3406, readyNs: 106_344_859_313, ratio: 4.5806, fifoNs: 125_563_584_719 },
  { name: "k2boot1", readyUs: 18_864_750, rateLimit: 4 * MIB, readBytes: 62_789_632, writeBytes: 69_632, waited: 210, readyNs: 22_194_163_702, ratio: 1.1765, fifoNs: 30_999_102_132 },
  { name: "k2boot1", readyUs: 18_864_750, rateLimit: 1 * MIB, readBytes: 62_789_632, writeBytes: 69_632, waited: 750, readyNs: 66_754_564_063, ratio: 3.5386, fifoNs: 73_079_576_563 },
] as const;

describe("replay on a recorded disk behind nbdkit's rate filter", () => {
  it.each(RATE_CASES)("startGuestReplay($name, rateLimit $rateLimit B/s): service ready $readyNs ns ≥ (read bytes − 2 s of rate) / rate, below the FIFO limit's", (c) => {
    const limited = boot(c.name, { rateLimit: c.rateLimit });
    const counters = { read: 0, write: 0 };
    // Bytes per op come from the trace up to the cut (boot() checked their sum against the device).
    const plan = inferReplayPlan([...readRtolabCsv(tracePath(`${c.name}.csv`))]);
    for (const r of plan.requests.slice(0, limited.issued)) if (r.op === "R") counters.read += r.length; else if (r.op === "W") counters.write += r.length;
    expect([counters.read, counters.write]).toEqual([c.readBytes, c.writeBytes]);
    // (a) Bits cannot pass faster than the full bucket plus the rate since the start (reads and writes apart).
    const bucket = 2 * c.rateLimit;
    expect(limited.readyNs).toBeGreaterThanOrEqual(((c.readBytes - bucket) / c.rateLimit) * 1e9);
    expect(limited.readyNs).toBeGreaterThanOrEqual(c.readyUs * 1000);
    // (b) What the filter adds is a wait for tokens: none for most requests early on, never negative.
    expect(Math.min(...limited.extraNs)).toBe(0);
    expect(limited.extraNs.filter((e) => e > 0).length).toBe(c.waited);
    // (c) The prediction, its stretch over the unlimited boot, and the FIFO limit's (longer) boot.
    expect(limited.readyNs).toBe(c.readyNs);
    expect(Number((limited.readyNs / (c.readyUs * 1000)).toFixed(4))).toBe(c.ratio);
    expect(limited.readyNs).toBeLessThan(c.fifoNs);
  });

  it("startGuestReplay(k2boot1, rateLimit far above the trace's needs) is the unlimited boot: the bucket never runs dry", () => {
    expect(boot("k2boot1", { rateLimit: 2 ** 40 }).readyNs).toBe(18_864_750_000);
  });
});
