import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { bootInputs, profileInputs, scenarioFile, servicePlan, serviceTraceRequests } from "../../../../src/lab/kinds/restore/workload.ts";
import { isInputError } from "../../../../src/util/errors.ts";
import { traceBlockReads } from "../../../../src/workloads/profile/blocks.ts";
import { saveProfile } from "../../../../src/workloads/profile/serialize.ts";
import { serviceWorkload } from "../../../../src/workloads/synthetic/service.ts";
import { readRtolabCsv } from "../../../../src/workloads/traces/rtolab-csv.ts";
import { restoreSpec, scenarioDir } from "../../../fleet/pipeline-toy.ts";
import { restoreSchema, type RestoreSpec, type TraceService } from "../../../../src/lab/kinds/restore/schema.ts";
import { loadScenario } from "../../../../src/lab/load.ts";

const MiB = 2 ** 20;
const GBOOT1 = join(scenarioDir, "../../traces/gboot1.csv");

describe("scenarioFile", () => {
  it("scenarioFile(dir, file, where) resolves against the scenario folder; a missing file or a folder is an InputError naming the field", () => {
    expect(scenarioFile(scenarioDir, "../../traces/gboot1.csv", "model.vms.trace")).toBe(GBOOT1);
    for (const file of ["../../traces/none.csv", "../../traces"]) {
      const path = join(scenarioDir, file);
      let error: unknown;
      try {
        scenarioFile(scenarioDir, file, "model.vms.trace");
      } catch (thrown) {
        error = thrown;
      }
      expect([isInputError(error), (error as Error).message]).toEqual([true, `${path}: model.vms.trace: an existing file, relative to the scenario file's folder (got "${file}")`]);
    }
  });
});

describe("bootInputs", () => {
  it("bootInputs(spec) reads gboot1 once: the plan has every request, the future is its reads up to service ready in 4 MiB chunks, the extent its last byte", () => {
    const spec = restoreSpec();
    const inputs = bootInputs(spec, scenarioDir);
    const requests = [...readRtolabCsv(GBOOT1)];
    expect(inputs.plan.count).toBe(requests.length);
    expect(inputs.plan.count).toBe(4632);
    expect(inputs.serviceReadyUs).toBe(35_724_121);
    expect(inputs.future).toEqual(traceBlockReads(requests, { blockSize: 4 * MiB, cutAtUs: 35_724_121 }));
    expect(inputs.extentBytes).toBe(Math.max(...requests.map((r) => r.offset + r.length)));
    // Shared by every VM and replication: the same object for the same file, cut and chunk.
    expect(bootInputs(restoreSpec(), scenarioDir)).toBe(inputs);
    // Another chunk size is other inputs: 8 MiB chunks, at most as many as 4 MiB ones.
    const coarse = bootInputs({ ...spec, chunkSize: 8 * MiB }, scenarioDir);
    expect(coarse).not.toBe(inputs);
    expect(coarse.future).toEqual(traceBlockReads(requests, { blockSize: 8 * MiB, cutAtUs: 35_724_121 }));
  });
});

describe("profileInputs", () => {
  it("profileInputs() is undefined without profile traces or file", () => {
    expect(profileInputs({ ...restoreSpec(), vms: { ...restoreSpec().vms, profile: { traces: [] } } }, scenarioDir)).toBeUndefined();
  });

  it("profileInputs() learns from the profile traces in chunks: gboot0's reads before its service ready", () => {
    const profile = profileInputs(restoreSpec(), scenarioDir);
    const gboot0 = [...readRtolabCsv(join(scenarioDir, "../../traces/gboot0.csv"))];
    const chunks = traceBlockReads(gboot0, { blockSize: 4 * MiB, cutAtUs: 36_524_944 }).flatMap((r) => Array.from({ length: r.blockCount }, (_, k) => r.firstBlock + k));
    expect(profile?.blockSize).toBe(4 * MiB);
    expect(profile?.runs).toBe(1);
    // In first-access order; as a set, exactly the chunks gboot0 read.
    expect([...(profile?.blocks ?? [])].sort((a, b) => a - b)).toEqual([...new Set(chunks)].sort((a, b) => a - b));
    expect(profile?.blocks.slice(0, 3)).toEqual([...new Set(chunks)].slice(0, 3));
  });

  it("profileInputs() converts a saved 4 KiB-block profile to chunks: blocks 0, 1, 1023, 1024 and 2048 are chunks 0, 1 and 2", () => {
    // A package.json makes the scratch folder a scenario project (paths must stay inside one).
    const dir = mkdtempSync(join(tmpdir(), "rtolab-workload-"));
    writeFileSync(join(dir, "package.json"), "{}\n");
    saveProfile(join(dir, "p.json"), { version: 1, blockSize: 4096, runs: 3, blocks: [0, 1, 1023, 1024, 2048], runCounts: [3, 3, 1, 2, 1] });
    const spec = restoreSpec();
    const profile = profileInputs({ ...spec, vms: { ...spec.vms, profile: { traces: [], file: "p.json" } } }, dir);
    expect(profile).toMatchObject({ blockSize: 4 * MiB, runs: 1, blocks: [0, 1, 2] });
  });
});

describe("servicePlan", () => {
  it("servicePlan() is undefined without a service section", () => {
    expect(servicePlan(restoreSpec(), new RngStreams("1/0"), "vms.vm0", scenarioDir)).toBeUndefined();
  });

  it("servicePlan() is the open-loop service workload drawn from stream <vm>.service, its hot set cut to the disk", () => {
    const base = restoreSpec();
    // The default hot set (1.6 GiB) is larger than this 1 GiB disk.
    const spec = { ...base, vms: { ...base.vms, diskSize: 2 ** 30, service: { requests: 500, meanGap: 2e6, writeShare: 0.25, hotSetBytes: 1.6 * 2 ** 30 } } };
    const plan = servicePlan(spec, new RngStreams("1/0"), "vms.vm3", scenarioDir);
    const expected = [...serviceWorkload(new RngStreams("1/0").stream("vms.vm3.service"), { requests: 500, meanGapUs: 2000, writeShare: 0.25, hotSetBytes: 2 ** 30 })];
    expect(plan?.count).toBe(500);
    expect(plan?.requests).toEqual(expected);
    expect(Math.max(...(plan?.requests ?? []).map((r) => r.offset + r.length))).toBeLessThanOrEqual(2 ** 30);
    // Open loop: no request waits for another; each is issued at its trace time.
    expect([...(plan?.dep ?? [])].every((d) => d === -1)).toBe(true);
    expect([...(plan?.notBeforeUs ?? [])]).toEqual(expected.map((r) => r.timeUs));
    // Another VM draws its own stream.
    expect(servicePlan(spec, new RngStreams("1/0"), "vms.vm4", scenarioDir)?.requests).not.toEqual(expected);
  });
});

/** A tiny trace with recorded latencies, in a scratch scenario project: the think times are hand-checkable. */
const TINY_TRACE = "t_us,op,offset,length,latency_us\n0,R,0,4096,100\n1000,R,8192,4096,100\n1500,W,4096,512,50\n5000,R,1048576,65536,200\n";

function withService(service: object, diskSize = "16GiB"): RestoreSpec {
  return restoreSchema.parse({ kind: "restore", vms: { trace: "../../traces/gboot1.csv", serviceReady: "35724121us", diskSize, service } });
}

describe("servicePlan with a trace", () => {
  it("servicePlan(trace with latencies) is the closed-loop replay plan of the window (loader phase off): with 1 thread and no resume cost each request waits for the latest read and thinks its recorded gap", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-service-"));
    writeFileSync(join(dir, "package.json"), "{}\n");
    writeFileSync(join(dir, "tiny.csv"), TINY_TRACE);
    const tiny = (service: object) => restoreSchema.parse({ kind: "restore", vms: { trace: "tiny.csv", serviceReady: "1s", service: { trace: "tiny.csv", resume: "0us", ...service } } });
    const plan = servicePlan(tiny({ threads: 1 }), new RngStreams("1/0"), "vms.vm0", dir);
    // 0 → 1 at 100 + 900; the write waits for read 1 (done at 1,100) + 400; read 3 for read 1 too (writes are write-back) + 3,900.
    expect([[...(plan?.dep ?? [])], [...(plan?.thinkUs ?? [])]]).toEqual([[-1, 0, 1, 1], [0, 900, 400, 3900]]);
    // Two threads (the default): a request waits for the second-latest completion (rule 3), here always request 0.
    const two = servicePlan(tiny({}), new RngStreams("1/0"), "vms.vm0", dir);
    expect([...(two?.dep ?? [])]).toEqual([-1, 0, 0, 0]);
  });

  it("servicePlan(CloudPhysics window) is open loop (no recorded latencies), shared by every VM, offsets modulo the disk", () => {
    const spec = withService({ trace: "../../traces/cloudPhysicsIO.vscsi", from: "1768s", duration: "4s" }, "4GiB");
    const plan = servicePlan(spec, new RngStreams("1/0"), "vms.vm0", scenarioDir);
    expect(plan?.count).toBe(1237);
    expect([...(plan?.dep ?? [])].every((d) => d === -1)).toBe(true);
    const first = plan?.requests[0].timeUs ?? 0;
    expect([...(plan?.notBeforeUs ?? [])]).toEqual((plan?.requests ?? []).map((r) => r.timeUs - first));
    expect(Math.max(...(plan?.requests ?? []).map((r) => r.offset + r.length))).toBeLessThanOrEqual(4 * 2 ** 30);
    expect(servicePlan(spec, new RngStreams("2/0"), "vms.vm7", scenarioDir)).toBe(plan);
    // The requests limit cuts the window.
    expect(servicePlan(withService({ trace: "../../traces/cloudPhysicsIO.vscsi", from: "1768s", requests: 100 }), new RngStreams("1/0"), "vms.vm0", scenarioDir)?.count).toBe(100);
  });

  it("serviceTraceRequests() refuses an empty window as an InputError naming the field", () => {
    const spec = withService({ trace: "../../traces/cloudPhysicsIO.vscsi", from: "3h" });
    expect(() => serviceTraceRequests(spec, spec.vms.service as TraceService, scenarioDir)).toThrow(/model\.vms\.service\.trace: requests issued in the window from 10800 s \(the trace's last request is at 7200\.089885 s\)$/);
  });
  it("servicePlan(shipped relocation-production-io) replays the CloudPhysics minute from 1,768 s in every variant: 22,190 requests, 9,767 reads of 355.4 MiB, 12,423 writes of 691.7 MiB", () => {
    const loaded = loadScenario("scenarios/restore/relocation-production-io.yaml");
    const plans = loaded.variants.map((v) => servicePlan(v.scenario.model as RestoreSpec, new RngStreams("1/0"), "vms.vm0", "scenarios/restore"));
    expect(new Set(plans).size).toBe(1); // one shared plan
    const requests = plans[0]?.requests ?? [];
    const of = (op: string) => requests.filter((r) => r.op === op);
    const mib = (rs: readonly { length: number }[]) => (rs.reduce((sum, r) => sum + r.length, 0) / 2 ** 20).toFixed(1);
    expect([requests.length, of("R").length, mib(of("R")), of("W").length, mib(of("W"))]).toEqual([22_190, 9_767, "355.4", 12_423, "691.7"]);
    expect(Math.max(...requests.map((r) => r.offset + r.length))).toBeLessThanOrEqual(16 * 2 ** 30);
  });
});
