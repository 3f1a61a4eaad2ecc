import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBootFamilies, loadWhatIfPairs, SHIPPED_PAIRS, validationReport } from "../../../src/cli/commands/validate.ts";
import { REPO, rtolabAsync, rtolabSync } from "../../robustness/cli-child.ts";
import { modelRoundTrip, rateFilter } from "../../support/model-round-trip.ts";

const rtolab = rtolabSync;

describe("validationReport", () => {
  it("validationReport(shipped pairs), what --json prints: rows, summary, the two directions' sums, noise and the /init split, all plain JSON", () => {
    const report = JSON.parse(JSON.stringify(validationReport(SHIPPED_PAIRS)));
    expect(Object.keys(report)).toEqual(["rows", "summary", "sums", "noise", "phases", "stretches"]);
    expect(report.sums.map((d: { sumUs: number }) => Math.round(d.sumUs / 1e4) / 100)).toEqual([0.27, 1.03, 0.32, 0.32]);
    expect([report.rows.length, report.noise.length, report.phases.length]).toEqual([8, 4, 8]);
    expect(report.summary).toEqual({ maxAbsError: expect.closeTo(0.0837, 4), medianAbsError: expect.closeTo(0.0485, 4), met: true });
    expect(report.phases[2]).toMatchObject({ pair: "g2boot1 +2ms", direction: "slower", measuredInitUs: 19_390_000, measuredReadyUs: 33_759_963 });
    // Two repeats say almost nothing about the stretch: t(0.975, 1) = 12.7.
    expect(report.stretches.map((r: { condition: string; pairs: string[]; slowedBoots: number; measuredUs: number; halfWidthUs: number }) => [r.condition, r.pairs.length, r.slowedBoots, Math.round(r.measuredUs / 1e4) / 100, Math.round(r.halfWidthUs / 1e4) / 100]))
      .toEqual([["+2ms", 2, 1, 9.52, 22.51]]);
  });
});

describe("loadBootFamilies", () => {
  const traces = `${process.cwd()}/traces`;
  /** The refusal of a pairs file with `families`, without the file's path; the families' repeat counts when it loads. */
  const load = (families: unknown): string | number[] => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-fam-")), "pairs.json");
    writeFileSync(file, JSON.stringify({
      pairs: [{ name: "x", base: `${traces}/k2boot1.csv`, baseReadyUs: 18864750, delayed: `${traces}/k2boot_d20ms.csv`, delayedReadyUs: 31771145, delayUs: 20000 }],
      repeats: [{ name: "r", first: `${traces}/k2boot0.csv`, firstReadyUs: 19000000, second: `${traces}/k2boot1.csv`, secondReadyUs: 18864750 }],
      families,
    }));
    try {
      return loadBootFamilies(file).map((f) => f.repeats.length);
    } catch (error) {
      return (error as Error).message.replace(`${file}: `, "");
    }
  };

  it("loadBootFamilies takes a boot's service-ready time from the pairs or repeats naming it, or from { trace, readyUs }, and refuses what it cannot place, naming the field", () => {
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot0.csv`, `${traces}/k2boot1.csv`, { trace: "other.csv", readyUs: 2e7 }] }])).toEqual([3]);
    expect(load(undefined)).toEqual([]);
    expect(load({})).toBe("families: a list of families of undelayed repeats ({ name, repeats })");
    expect(load([{ repeats: [] }])).toBe("families[0].name: a non-empty string");
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot1.csv`] }])).toBe("families[0].repeats: a list of at least two undelayed boots of the same VM and disk state");
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot1.csv`, "k2boot9.csv"] }]))
      .toBe("families[0].repeats[1]: a trace named as a base, slowed or repeated boot in this file's pairs or repeats (its service-ready time is taken from there), or { trace, readyUs }");
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot1.csv`, { trace: "other.csv" }] }])).toBe("families[0].repeats[1].readyUs: the boot's service-ready time, a number of microseconds ≥ 0");
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot1.csv`, { trace: "k2boot1.csv", readyUs: 1 }] }])).toBe("families[0].repeats[1]: a boot not already in the family (k2boot1 is listed twice)");
    expect(load([{ name: "k2", repeats: [`${traces}/k2boot1.csv`, { readyUs: 1 }] }]))
      .toBe("families[0].repeats[1].trace: a trace file name, or the boot as a string naming one of this file's pairs or repeats");
  });
});

describe("loadWhatIfPairs", () => {
  const traces = `${process.cwd()}/traces`;
  const write = (entry: Record<string, unknown>): string => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: `${traces}/k2boot1.csv`, baseReadyUs: 18864750, delayed: `${traces}/k2boot_d20ms.csv`, delayedReadyUs: 31771145, ...entry }] }));
    return file;
  };
  /** The refusal of a pairs file with `entry`, without the file's path; "accepted" when it loads. */
  const refusal = (entry: Record<string, unknown>): string => {
    const file = write(entry);
    try {
      loadWhatIfPairs(file);
      return "accepted";
    } catch (error) {
      return (error as Error).message.replace(`${file}: `, "");
    }
  };

  it("loadWhatIfPairs reads nbdkit's rate filter as a scenario writes it: rateLimit 4MiB/s (rate=32M), burstiness 2 s by default, delayUs then 0 by default", () => {
    const [pair] = loadWhatIfPairs(write({ rateLimit: "4MiB/s" }));
    expect([pair.delayUs, pair.throttle]).toEqual([0, { rateBytesPerS: 4 * 2 ** 20, burstinessUs: 2_000_000 }]);
    const [both] = loadWhatIfPairs(write({ rateLimit: 1048576, burstiness: "500ms", delayUs: 2000 }));
    expect([both.delayUs, both.throttle]).toEqual([2000, { rateBytesPerS: 2 ** 20, burstinessUs: 500_000 }]);
    expect(loadWhatIfPairs(write({ delayUs: 20000 }))[0].throttle).toBeUndefined();
  });

  it("loadWhatIfPairs reads recordings in any detected format: nbdkit's log filter output as written, named without .log", () => {
    const log = `${process.cwd()}/test/workloads/traces/fixtures/nbdkit-delay2ms.log`;
    const [pair] = loadWhatIfPairs(write({ delayUs: 2000, delayed: log, delayedReadyUs: 16732 }));
    expect([pair.base.name, pair.base.requests.length, pair.delayed.name, pair.delayed.requests.length]).toEqual(["k2boot1", 1715, "nbdkit-delay2ms", 8]);
    expect(pair.delayed.requests[3]).toEqual({ timeUs: 6834, op: "W", offset: 131072, length: 65536, latencyUs: 2683 });
  });

  it("loadWhatIfPairs refuses a pair with neither delayUs nor rateLimit, a rate that is not one, and a burstiness without a rate, naming the field", () => {
    expect(refusal({})).toBe("pairs[0].delayUs: a number of microseconds ≥ 0 (nbdkit's delay filter), or a rateLimit (its rate filter)");
    expect(refusal({ rateLimit: "fast" })).toBe('pairs[0].rateLimit: a positive rate such as "4MiB/s" (bytes/s: nbdkit\'s rate=32M)');
    expect(refusal({ rateLimit: "4MiB/s", burstiness: "10us" })).toBe('pairs[0].burstiness: a duration of at least 1ms such as "2s" (nbdkit\'s burstiness=, default 2 s)');
    expect(refusal({ delayUs: 1, burstiness: "2s" })).toBe("pairs[0].burstiness: no burstiness without a rateLimit (nbdkit's rate filter)");
  });

  it("loadWhatIfPairs reads a warm cache (its profile trace relative to the file, 64 KiB blocks and writeback mode by default, as nbdkit's) and refuses a cache without its profile, a block size nbdkit would refuse, no delay, or a rate filter beside it", () => {
    const [pair] = loadWhatIfPairs(write({ delayUs: 20000, cache: { profile: `${traces}/k3boot9.csv` } }));
    expect([pair.cache?.blockBytes, pair.cache?.profile.length, pair.throttle]).toEqual([65536, 1466, undefined]);
    expect(loadWhatIfPairs(write({ delayUs: 5000, cache: { profile: `${traces}/empty-profile.csv`, blockSize: "4KiB" } }))[0].cache).toEqual({ blockBytes: 4096, profile: [], mode: "writeback" });
    expect(loadWhatIfPairs(write({ delayUs: 5000, cache: { profile: `${traces}/empty-profile.csv`, mode: "unsafe" } }))[0].cache?.mode).toBe("unsafe");
    expect(refusal({ delayUs: 1, cache: {} })).toBe("pairs[0].cache.profile: the trace whose reads warmed the cache, relative to the pairs file");
    expect(refusal({ delayUs: 1, cache: { profile: `${traces}/k3boot9.csv`, blockSize: "48KiB" } })).toBe('pairs[0].cache.blockSize: a power of 2 of at least 4KiB such as "64KiB" (nbdkit\'s cache block size)');
    expect(refusal({ delayUs: 1, cache: { profile: `${traces}/k3boot9.csv`, mode: "fast" } })).toBe("pairs[0].cache.mode: writeback (nbdkit's default), writethrough or unsafe: the cache filter's cache=");
    expect(refusal({ cache: { profile: `${traces}/k3boot9.csv` } })).toBe("pairs[0].delayUs: the delay of the server behind the cache, µs (nbdkit's delay filter)");
    expect(refusal({ delayUs: 1, rateLimit: "4MiB/s", cache: { profile: `${traces}/k3boot9.csv` } })).toBe("pairs[0].cache: a cache or a rateLimit, not both (rtolab models each in front of a delayed server, not the two together)");
  });
});

describe("validationReport on a throttled pair", () => {
  it("validationReport(a pairs file naming a boot recorded behind nbdkit's rate filter): the slower row lands on it (it is the model's own replay, so 0.0%), the faster comes back +14.5% (+14.7% before held waits), with the shipped resume cost (docs/replay.md, rule 6: the round trip)", () => {
    const { recording } = modelRoundTrip("k2boot1", 18_864_750, rateFilter(2 ** 20));
    const folder = mkdtempSync(join(tmpdir(), "rtolab-val-"));
    const csv = ["t_us,op,offset,length,latency_us", ...recording.requests.map((r) => `${r.timeUs},${r.op},${r.offset},${r.length},${r.latencyUs}`)].join("\n");
    writeFileSync(join(folder, "k2boot1_rate8M.csv"), `${csv}\n`);
    const pair = { name: "k2boot1 rate=8M", base: `${process.cwd()}/traces/k2boot1.csv`, baseReadyUs: 18_864_750, delayed: "k2boot1_rate8M.csv", delayedReadyUs: recording.serviceReadyUs, rateLimit: "1MiB/s" };
    writeFileSync(join(folder, "pairs.json"), JSON.stringify({ pairs: [pair] }));
    const report = validationReport(join(folder, "pairs.json"));
    const pct = (x: number): number => Number((100 * x).toFixed(1));
    expect(report.rows.map((r) => [r.direction, r.replayed, pct(r.error), pct(r.leaveOneOutError)])).toEqual([
      ["slower", "k2boot1", 0, 0],
      ["faster", "k2boot1_rate8M", 14.5, 14.5],
    ]);
    expect(Number((recording.serviceReadyUs / 1e6).toFixed(2))).toBe(66.75);
  });
});

describe("rtolab validate replay", () => {
  it("rtolab validate replay prints every pair in both directions, the verdict, the noise, the stretch against the repeats' mean and the split at /init; --check exits 0 when the targets are met", () => {
    const { status, stdout } = rtolab("validate", "replay", "--check");
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(34);
    expect(lines[3]).toMatch(/^k2boot1 \+20ms\s+slower\s+k2boot1\s+k2boot_d20ms\s+31\.77\s+33\.41\s+\+5\.2%\s+23\.72–47\.80\s+yes\s+33\.32\s+\+4\.9%$/);
    expect(lines[9]).toBe("max |error| 8.37% (target 10%), median 4.85% (target 5%): met");
    // The two directions' errors added: k2boot1's pair is the model's own asymmetry, not noise.
    expect(lines[10]).toMatch(/: boot1 \+5ms \+0\.27 s, k2boot1 \+20ms \+1\.03 s, g2boot1 \+2ms \+0\.32 s, g2boot2 \+2ms \(repeat base\) \+0\.32 s$/);
    // The run-to-run noise table after it: g2boot1 and g2boot2 replayed against each other.
    expect(lines[14]).toMatch(/^g2boot1 \/ g2boot2\s+g2boot1\s+g2boot2\s+25\.26\s+23\.22\s+-8\.1%$/);
    expect(lines[15]).toMatch(/^g2boot1 \/ g2boot2\s+g2boot2\s+g2boot1\s+23\.22\s+25\.26\s+\+8\.8%$/);
    // Then the stretch against the repeats' mean: two repeats give an interval of ±22.5 s.
    expect(lines[19]).toMatch(/^stretch against the repeats' mean: /);
    expect(lines[21]).toMatch(/^GRUB, second campaign\s+\+2ms\s+1\s+2\s+\+9\.52\s+-12\.99 to \+32\.03\s+\+8\.92\s+yes\s+\+0\.00 to \+10\.77\s+\+8\.60\s+yes\s+\+0\.00 to \+9\.87$/);
    expect(lines[22]).toBe("model stretch inside the interval for 1 of 1 conditions (its band reaches it for 1), model shrink for 1 of 1 (its band for 1)");
    // Then the same predictions split at /init: the GRUB pair's error is there before the OS starts.
    expect(lines[24]).toMatch(/^where the error accrues/);
    expect(lines[28]).toMatch(/^g2boot1 \+2ms\s+g2boot1\s+g2boot_d2ms\s+19\.39\s+17\.80\s+-1\.59\s+-0\.04\s+-1\.63\s+14\.37\s+-0\.3%$/);
    expect(lines[33]).toMatch(/^g2boot1 \/ g2boot2 \(no delay\)\s+g2boot2\s+g2boot1\s+10\.65\s+11\.49\s+\+0\.84\s+\+1\.21\s+\+2\.05\s+12\.57\s+\+9\.6%$/);
  });

  it.concurrent("rtolab validate replay --check exits 1 when a target is missed: boot1's pair alone has a median error of 7.4%", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    const pair = { name: "boot1 +5ms", base: `${REPO}/traces/boot1.csv`, baseReadyUs: 28_352_530, delayed: `${REPO}/traces/boot3_delay5ms.csv`, delayedReadyUs: 30_023_685, delayUs: 5000 };
    writeFileSync(file, JSON.stringify({ pairs: [pair] }));
    const { status, stdout } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file, "--check");
    expect(status).toBe(1);
    expect(stdout).toContain("max |error| 7.89% (target 10%), median 7.37% (target 5%): NOT met");
  });

  // The refusals below are independent children: they run at once (it.concurrent).
  it.concurrent("rtolab validate replay --pairs on a malformed file exits 2 naming the field", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: -1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1 }] }));
    const { status, stderr } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].baseReadyUs: a number of microseconds ≥ 0`);
  });

  it.concurrent("rtolab validate replay --pairs with a /init time that is not a number exits 2 naming it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: 1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1, delayedInitUs: "7.74 s" }] }));
    const { status, stderr } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].delayedInitUs: a number of microseconds ≥ 0 (when the kernel ran /init), or no such field`);
  });

  it.concurrent("rtolab validate replay --pairs with the old vcpus field exits 2 pointing to threads", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: 1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1, vcpus: 1 }] }));
    const { status, stderr } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].vcpus: no vcpus: the replay's rule 3 counts the guest's threads, not its vCPUs (docs/replay.md); give threads, default 2`);
  });

  it.concurrent("rtolab validate replay --pairs with a malformed repeat exits 2 naming repeats[0].second", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    const pairs = JSON.parse(readFileSync("traces/what-if-pairs.json", "utf8")).pairs.slice(0, 1).map((p: Record<string, unknown>) => ({ ...p, base: `${process.cwd()}/traces/${p.base}`, delayed: `${process.cwd()}/traces/${p.delayed}` }));
    writeFileSync(file, JSON.stringify({ pairs, repeats: [{ name: "r", first: "a.csv", firstReadyUs: 1, secondReadyUs: 2 }] }));
    const { status, stderr } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: repeats[0].second: a non-empty string`);
  });

  it.concurrent("rtolab validate replay --pairs with a family of one boot exits 2 naming families[0].repeats, before any trace is replayed", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    const pairs = JSON.parse(readFileSync("traces/what-if-pairs.json", "utf8")).pairs.slice(0, 1).map((p: Record<string, unknown>) => ({ ...p, base: `${process.cwd()}/traces/${p.base}`, delayed: `${process.cwd()}/traces/${p.delayed}` }));
    writeFileSync(file, JSON.stringify({ pairs, families: [{ name: "boot", repeats: [pairs[0].base] }] }));
    const { status, stdout, stderr } = await rtolabAsync(REPO, "validate", "replay", "--pairs", file);
    expect([status, stdout]).toEqual([2, ""]);
    expect(stderr.trim()).toBe(`rtolab: ${file}: families[0].repeats: a list of at least two undelayed boots of the same VM and disk state`);
  });
});
