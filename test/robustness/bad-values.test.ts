/**
 * Issue #19 items 7–9 pinned: values the schema used to accept and the run crashed on (a stack
 * trace, a V8 heap abort, the OOM killer) each give one InputError line naming the file and the
 * field, before anything runs. In-process (the CLI prints exactly `error.message` and exits 2 for
 * an InputError: test/cli/main.test.ts), so the whole file stays within a few seconds.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { executeChart } from "../../src/cli/commands/chart.ts";
import { executeCheck } from "../../src/cli/commands/check.ts";
import { readReplicationTable } from "../../src/lab/compare.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { checkResources, DEFAULT_LIMITS } from "../../src/lab/resources.ts";
import { runReplicationOf } from "../../src/lab/run.ts";
import { mergeShards } from "../../src/lab/sweep/merge.ts";
import { planSweep } from "../../src/lab/sweep/plan.ts";
import { RESULTS_MARKER, RESULTS_MARKER_TEXT } from "../../src/report/folder-marker.ts";
import { isInputError } from "../../src/util/errors.ts";
import { profileFromJson } from "../../src/workloads/profile/serialize.ts";
import { openTrace } from "../../src/workloads/traces/open.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-bad-values-"));

const MM1 = "scenarios/validation/mm1.yaml";
const PRIORITY = "scenarios/validation/priority.yaml";
const RESTORE = "scenarios/restore/one-vm-dedup.yaml";
const FLEET = "scenarios/fleet/toy-restore.yaml";

/** The one line an InputError thrown by `run` prints; fails the test on any other outcome. */
function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!isInputError(error)) throw error;
    expect(error.message).not.toMatch(/[\n\r]/);
    return error.message;
  }
  throw new Error("expected an InputError, but it succeeded");
}

async function lineOfAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (!isInputError(error)) throw error;
    return error.message;
  }
  throw new Error("expected an InputError, but it succeeded");
}

const load = (path: string, ...sets: string[]) => () => loadScenario(path, { sets });

describe("distributions the kernel cannot draw from (item 7)", () => {
  it("loadScenario(uniform with min > max) names its max", () => {
    expect(lineOf(load(MM1, "model.arrival={distribution: uniform, min: 2ms, max: 1ms}"))).toBe(`${MM1}: model.arrival.max: at least min (2000000 ns), got 1000000 ns`);
  });

  it("loadScenario(exponential of mean 0 s, or 0.1 ns, which rounds to 0) names its mean", () => {
    const expected = `${MM1}: model.service.mean: a distribution with a positive mean (at least 1ns); this one is 0`;
    expect(lineOf(load(MM1, "model.service.mean=0s"))).toBe(expected);
    expect(lineOf(load(MM1, "model.service.mean=0.1ns"))).toBe(expected);
  });

  it("loadScenario(a zero scale: constant, empirical, lognormal, pareto) names the scale field in a validation station", () => {
    const zero = (field: string) => `a distribution with a positive mean (at least 1ns); this one is 0`;
    expect(lineOf(load(MM1, "model.service={distribution: constant, value: 0s}"))).toBe(`${MM1}: model.service.value: ${zero("value")}`);
    expect(lineOf(load(MM1, "model.service={distribution: empirical, samples: [0, 0]}"))).toBe(`${MM1}: model.service.samples: ${zero("samples")}`);
    expect(lineOf(load(MM1, "model.service={distribution: lognormal, median: 0s, sigma: 1}"))).toBe(`${MM1}: model.service.median: ${zero("median")}`);
    expect(lineOf(load(MM1, "model.service={distribution: pareto, scale: 0s, shape: 2}"))).toBe(`${MM1}: model.service.scale: ${zero("scale")}`);
    expect(lineOf(load(PRIORITY, "model.classes[1].arrival={distribution: constant, value: 0s}"))).toBe(`${PRIORITY}: model.classes[1].arrival.value: ${zero("value")}`);
  });
});

describe("unstable stations, whose queues grow until memory runs out (item 8)", () => {
  const rho = (value: string) => `a stable station: offered load ρ = mean service / (mean inter-arrival × servers) below 1, got ${value} (the queue would grow without bound)`;

  it("loadScenario(constant service of 10^6 s) refuses ρ = 8e8 at model.service", () => {
    expect(lineOf(load(MM1, "model.service={distribution: constant, value: 1000000s}"))).toBe(`${MM1}: model.service: ${rho("800000000")}`);
  });

  it("loadScenario(pareto shape 0.01: infinite mean; lognormal sigma 10: ρ ≈ 4e21) refuses both", () => {
    expect(lineOf(load(MM1, "model.service={distribution: pareto, scale: 1ms, shape: 0.01}"))).toBe(`${MM1}: model.service: ${rho("Infinity")}`);
    expect(lineOf(load(MM1, "model.service={distribution: lognormal, median: 1ms, sigma: 10}"))).toBe(`${MM1}: model.service: ${rho("4.148e+21")}`);
  });

  it("loadScenario(priority classes adding up to ρ = 1, already unstable) refuses at model.classes", () => {
    expect(lineOf(load(PRIORITY, "model.classes[0].arrival.mean=2ms"))).toBe(`${PRIORITY}: model.classes: ${rho("1")}`);
  });
});

describe("bandwidths, periods and chunks of 0 (items 7, 8)", () => {
  const bandwidth = 'a positive bandwidth like "10Gbit/s" or "500MB/s"';

  it("loadScenario(a restore's host NIC at 0) names model.hosts.nicBandwidth", () => {
    expect(lineOf(load(RESTORE, "model.hosts.nicBandwidth=0"))).toBe(`${RESTORE}: model.hosts.nicBandwidth: ${bandwidth}`);
  });

  it("loadScenario(a fleet's host NIC, media agent NIC/ingest/read, VSA throughput/streamRate, WAN at 0) names each", () => {
    for (const field of ["hosts.nic", "mediaAgents.nic", "mediaAgents.ingest", "mediaAgents.read", "vsas.throughput", "vsas.streamRate", "network.wan", "datastores.rate"]) {
      expect(lineOf(load(FLEET, `model.${field}=0`))).toBe(`${FLEET}: model.${field}: ${bandwidth}`);
    }
  });

  it("loadScenario(metricsWindow 0, fleet chunk 0, rebalance.interval and sampleInterval 0 or 1 ns) names each", () => {
    expect(lineOf(load(RESTORE, "model.metricsWindow=0"))).toBe(`${RESTORE}: model.metricsWindow: a positive duration like "250us", "1.5s" or "5min" (at least 1ns)`);
    expect(lineOf(load(FLEET, "model.chunk=0"))).toBe(`${FLEET}: model.chunk: a positive size like "4KiB" or "64GiB"`);
    for (const field of ["rebalance.interval", "sampleInterval"]) {
      for (const value of ["0", "1ns"]) expect(lineOf(load(FLEET, `model.${field}=${value}`))).toBe(`${FLEET}: model.${field}: a duration of at least 1ms, like "10s" or "5min"`);
    }
  });

  it("a fleet with neither a backup nor a restore job names the scenario file, not \"fleet\" (fuzz finding, seed 7)", () => {
    const path = join(dir, "no-job.yaml");
    writeFileSync(path, "version: 1\nname: no-job\nmodel: { kind: fleet, sites: [{ name: a, hosts: [{ type: a, count: 1, vms: 1 }] }], vsas: { count: 1 }, mediaAgents: { count: 1 } }\n");
    const loaded = loadScenario(path);
    expect(lineOf(() => runReplicationOf(loaded, loaded.variants[0], 1, 0))).toBe(`${relative(process.cwd(), path)}: model: a backup or a restore job (or both)`);
  });

  it("loadScenario(fleet ranges with max below min) names the max", () => {
    expect(lineOf(load(FLEET, "model.vms.disks={min: 3, max: 2}"))).toBe(`${FLEET}: model.vms.disks.max: at least min (3), got 2`);
  });
});

describe("the resource estimate before a run (item 8)", () => {
  const check = (path: string, ...sets: string[]) => () => checkResources(loadScenario(path, { sets }), DEFAULT_LIMITS, 1);

  it("checkResources(blockSize 1 on a 4 GiB disk: 64 GiB of block tables) refuses at model.vms.blockSize", () => {
    expect(lineOf(check(RESTORE, "model.vms.diskSize=4GiB", "model.vms.blockSize=1B"))).toBe(
      `${RESTORE}: model.vms.blockSize (variant full-restore): a model within --max-memory 4 GiB: 4294967296 blocks of 1 B on each 4 GiB disk need about 64 GiB (raise --max-memory, or change model.vms.blockSize)`,
    );
  });

  it("checkResources(a 1 PiB disk in 1 MiB blocks) refuses, naming the 24 GiB it would need", () => {
    expect(lineOf(check(RESTORE, "model.vms.diskSize=1PiB"))).toBe(
      `${RESTORE}: model.vms.blockSize (variant full-restore): a model within --max-memory 4 GiB: 1073741824 blocks of 1 MiB on each 1 PiB disk need about 24 GiB (raise --max-memory, or change model.vms.blockSize)`,
    );
  });

  it("checkResources(10^9 customers; 10^9 service requests) refuses at the count", () => {
    expect(lineOf(check(MM1, "model.customers=1000000000"))).toBe(
      `${MM1}: model.customers: a model within --max-memory 4 GiB: 1000010000 customers (measured and warm-up) need about 29.8 GiB (raise --max-memory, or change model.customers)`,
    );
    expect(lineOf(check("scenarios/restore/relocation-write-heavy.yaml", "model.vms.service.requests=1000000000"))).toBe(
      "scenarios/restore/relocation-write-heavy.yaml: model.vms.service.requests (variant uncoordinated): a model within --max-memory 4 GiB: 1000000000 service requests per VM need about 59.6 GiB (raise --max-memory, or change model.vms.service.requests)",
    );
  });

  it("checkResources(a fleet moving its disks in 1-byte chunks) refuses past --max-events", () => {
    expect(lineOf(check(FLEET, "model.chunk=1B"))).toMatch(/^scenarios\/fleet\/toy-restore\.yaml: model\.chunk: a model within --max-events 10000000000 per replication: \d+ chunks of 1 B for each of \d+ VMs' disks \([\d.]+ GiB\) need about [\d.e+]+ events \(raise --max-events, or change model\.chunk\)$/);
  });

  it("checkResources() lets every shipped scenario through at the defaults, on 2 workers", () => {
    for (const path of [MM1, PRIORITY, RESTORE, "scenarios/restore/mass-restore-1000.yaml", "scenarios/fleet/mass-restore.yaml", "scenarios/fleet/nightly-backup.yaml", "scenarios/fleet/dr-wan.yaml"]) {
      expect(() => checkResources(loadScenario(path), DEFAULT_LIMITS, 2)).not.toThrow();
    }
  });

  it("planSweep(a grid of 10^5 points × 10^5 replications) refuses before listing 10^10 jobs", () => {
    const path = join(dir, "huge-sweep.yaml");
    const values = Array.from({ length: 1000 }, (_, i) => `${i + 2}ms`).join(", ");
    writeFileSync(path, `version: 1\nname: huge\nmodel: { kind: queue-station, arrival: { distribution: exponential, mean: 2ms }, service: { distribution: exponential, mean: 1ms } }\nsweep:\n  grid:\n    model.arrival.mean: [${values}]\n    model.customers: [${Array.from({ length: 100 }, (_, i) => i + 1).join(", ")}]\n  replications: 100000\n`);
    const started = performance.now();
    expect(lineOf(() => planSweep(path))).toBe(`${path}: sweep: a sweep within --max-jobs 1000000: 100000 points × 1 variant(s) × 100000 replications are 10000000000 jobs (raise --max-jobs, or sweep fewer values)`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a restore through a 1 B/s NIC stops at the 100,000th latency window with one line, not a heap exhausted", () => {
    const loaded = loadScenario(RESTORE, { sets: ["model.hosts.nicBandwidth=1"] });
    expect(lineOf(() => runReplicationOf(loaded, loaded.variants[0], 1, 0))).toBe(
      `${RESTORE}: model.metricsWindow (variant full-restore): a window wide enough for at most 100000 windows per run: this run reached 17179869192.05937 s (simulated), 17179869193 windows of 1000000000 ns; a metricsWindow of at least 171798691920594 ns, or faster devices if the run should be shorter`,
    );
  });

  it("loadScenario(a striped array of 2^31 members, each a device to build) refuses the count (fuzz finding: it hung)", () => {
    const boot = "scenarios/boot/boot-one-vm.yaml";
    expect(lineOf(load(boot, "model.disk={attach: local, storage: {device: striped, members: 2147483648}}"))).toBe(`${boot}: model.disk.storage.members: an integer between 1 and 1024`);
  });

  it("loadScenario(/dev/zero) stops reading at the 4 MiB limit rather than trusting stat()", () => {
    expect(lineOf(load("/dev/zero"))).toBe("/dev/zero: a scenario file of at most 4 MiB (it holds more)");
  });
});

describe("traces whose times go backwards (item 7)", () => {
  const backwards: Record<string, string> = {
    csv: "t_us,op,offset,length\n0,R,0,4096\n1000,R,4096,4096\n500,R,8192,4096\n",
    msr: "128166372003061629,src1,1,Read,0,4096,100\n128166372003071629,src1,1,Read,4096,4096,100\n128166372003061620,src1,1,Read,8192,4096,100\n",
    blkparse: "8,0 0 1 0.000010000 9 D R 8 + 8 [x]\n8,0 0 2 0.001000000 9 D R 16 + 8 [x]\n8,0 0 3 0.000005000 9 D R 24 + 8 [x]\n",
  };
  for (const [format, text] of Object.entries(backwards)) {
    it(`openTrace(${format} going back in time at its third request) names request 3`, () => {
      const path = join(dir, `back.${format}`);
      writeFileSync(path, text);
      expect(lineOf(() => [...openTrace(path, format as "csv")])).toMatch(new RegExp(`^${path.replace(/[.]/g, "\\.")}: request 3: requests in issue-time order \\(timeUs -?\\d+(\\.\\d+)? comes after \\d+(\\.\\d+)?; sort the trace by time\\)$`));
    });
  }

  it("a vm-boot scenario replaying a trace that goes backwards fails with the trace's line, not a RangeError", () => {
    const folder = join(dir, "boot");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "package.json"), "{}");
    writeFileSync(join(folder, "back.csv"), backwards.csv);
    writeFileSync(join(folder, "boot.yaml"), "version: 1\nname: back\nmodel: { kind: vm-boot, trace: back.csv, serviceReady: 1s }\n");
    const loaded = loadScenario(join(folder, "boot.yaml"));
    expect(lineOf(() => runReplicationOf(loaded, loaded.variants[0], 1, 0))).toBe(
      `${join(folder, "back.csv")}: request 3: requests in issue-time order (timeUs 500 comes after 1000; sort the trace by time)`,
    );
  });
});

describe("results folders that are missing or damaged (item 7)", () => {
  it("mergeShards(a missing folder; a folder without sweep.json) names the folder", () => {
    const missing = join(dir, "no-such-shard");
    expect(lineOf(() => mergeShards(join(dir, "merged-1"), [missing]))).toBe(`${missing}: a sweep folder (no sweep.json)`);
    const empty = join(dir, "empty-shard");
    mkdirSync(empty);
    expect(lineOf(() => mergeShards(join(dir, "merged-2"), [empty]))).toBe(`${empty}: a sweep folder (no sweep.json)`);
  });

  function runFolder(name: string, summary: string): string {
    const folder = join(dir, name);
    mkdirSync(folder);
    writeFileSync(join(folder, RESULTS_MARKER), RESULTS_MARKER_TEXT);
    writeFileSync(join(folder, "metrics.csv"), "variant,metric,unit,n,mean,sd,ci95_low,ci95_high\nbase,waitMean,ms,1,4,0,4,4\n");
    writeFileSync(join(folder, "replications.csv"), "variant,replication,metric,unit,value\nbase,0,waitMean,ms,4\n");
    writeFileSync(join(folder, "summary.json"), summary);
    return folder;
  }

  it("compare and chart on a summary.json cut short name its line", async () => {
    const folder = runFolder("cut", '{\n  "seed": 1,\n');
    const line = lineOf(() => readReplicationTable(folder));
    expect(line).toMatch(new RegExp(`^${folder}/summary\\.json: line 3: valid JSON \\(.+\\)$`));
    expect(await lineOfAsync(() => executeChart({ results: folder, format: "html" }))).toBe(line);
  });

  it("compare and chart on a summary.json without a numeric seed name the field", async () => {
    const folder = runFolder("edited", '{"seed": "seven", "variants": {}}');
    const expected = `${folder}/summary.json: seed: a non-negative integer, the run's master seed (this summary.json was edited or not written by rtolab)`;
    expect(lineOf(() => readReplicationTable(folder))).toBe(expected);
    expect(await lineOfAsync(() => executeChart({ results: folder, format: "html" }))).toBe(expected);
    expect(lineOf(() => readReplicationTable(runFolder("array", "[]")))).toBe(`${dir}/array/summary.json: a JSON object (this summary.json was edited or not written by rtolab)`);
  });

  it("executeCheck(--junit at a folder, or under a missing folder) refuses before running any scenario", () => {
    const args = { scenarios: [MM1], budgets: "budgets/validation.yaml", set: [], quiet: true, updateBaseline: false };
    const started = performance.now();
    expect(lineOf(() => executeCheck({ ...args, junit: dir }))).toBe(`${dir}: a file to write (--junit), not a folder`);
    expect(lineOf(() => executeCheck({ ...args, junit: join(dir, "no/such/check.xml") }))).toBe(`${dir}/no/such/check.xml: a file in an existing folder (--junit; ${dir}/no/such does not exist)`);
    expect(performance.now() - started).toBeLessThan(3_000); // mm1 itself takes longer: it did not run
  });
});

describe("inputs accepted without a word (item 9)", () => {
  it("loadScenario(a JSON scenario giving a key twice) names the line of the second", () => {
    const path = join(dir, "twice.json");
    writeFileSync(path, '{\n  "version": 1,\n  "name": "a",\n  "model": { "kind": "queue-station", "servers": 1, "servers": 2 }\n}\n');
    expect(lineOf(load(path))).toBe(`${path}: line 4: valid JSON with each key once ("servers" is given twice in one object)`);
  });

  it("openTrace(blkparse with a negative sector) names the line", () => {
    const path = join(dir, "negative.blk");
    writeFileSync(path, "8,0 0 1 0.000010000 9 D W -8 + 8 [x]\n");
    expect(lineOf(() => [...openTrace(path, "blkparse")])).toBe(`${path}: line 1: expected sector + nsectors of 0 or more (a negative number is not a position on the disk)`);
  });

  it("profileFromJson(blockSize 3) refuses it", () => {
    expect(lineOf(() => profileFromJson('{"version":1,"blockSize":3,"runs":1,"blocks":[0],"runCounts":[1]}', "p.json"))).toBe("p.json: blockSize: a whole number of 512-byte sectors (bytes), got 3");
  });

  it("a restore whose saved profile lists a block beyond the disk names the profile's block", () => {
    const folder = join(dir, "profile");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "package.json"), "{}");
    writeFileSync(join(folder, "boot.csv"), "t_us,op,offset,length\n0,R,0,4096\n");
    writeFileSync(join(folder, "vm.profile.json"), '{"version":1,"blockSize":4096,"runs":1,"blocks":[0,262144],"runCounts":[1,1]}');
    writeFileSync(
      join(folder, "s.yaml"),
      "version: 1\nname: p\nmodel:\n  kind: restore\n  vms: { trace: boot.csv, serviceReady: 1ms, diskSize: 1GiB, profile: { file: vm.profile.json } }\n  prefetch: { policy: profile }\n",
    );
    const loaded = loadScenario(join(folder, "s.yaml"));
    expect(lineOf(() => runReplicationOf(loaded, loaded.variants[0], 1, 0))).toBe(
      `${join(folder, "vm.profile.json")}: blocks[1]: a block on the scenario's 1073741824-byte disk (blocks 0 to 262143 of 4096 bytes), got 262144`,
    );
  });
});


