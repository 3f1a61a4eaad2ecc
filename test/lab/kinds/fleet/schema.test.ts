import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fleetSchema, pipelineRelocationSchema, pipelineSchema } from "../../../../src/lab/kinds/fleet/schema.ts";
import { loadScenario } from "../../../../src/lab/load.ts";

const BASE = { kind: "fleet", sites: [{ name: "s1", hosts: [{ type: "t", count: 2, vms: 3 }] }], vsas: { count: 2 }, mediaAgents: { count: 1 } };
const GiB = 2 ** 30;

/** The issues of a failed parse, as path → message code. */
function issues(model: object): [string, string][] {
  const result = fleetSchema.safeParse(model);
  return (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.code]);
}

describe("fleetSchema", () => {
  it("fleetSchema.parse(a minimal fleet) fills the documented defaults, in bytes, bytes/s and ns", () => {
    const model = fleetSchema.parse(BASE);
    expect(model.sites[0]).toEqual({ name: "s1", datacenters: 1, subnets: 1, datastores: 2, hosts: [{ type: "t", count: 2, vms: 3 }] });
    expect(model.hosts).toEqual({ spareCores: 16, spareRam: 64 * GiB, nic: 1.25e9, nbdRate: 150e6 });
    expect(model.vms).toEqual({
      disks: { min: 1, max: 1 },
      diskSize: { distribution: "constant", value: 64 * GiB },
      changeRate: { min: 0.02, max: 0.02 },
      bootWorkingSet: { distribution: "constant", value: GiB },
    });
    expect(model.vsas).toEqual({ count: 2, cores: 8, ram: 16 * GiB, ramPerTask: 2 * GiB, throughput: 500e6, streamRate: 150e6 });
    expect(model.mediaAgents).toEqual({ count: 1, nic: 1.25e9, ingest: 1e9, read: 500e6 });
    expect(model.network).toEqual({ wan: 125e6, wanLatency: 20e6, lanLatency: 100e3 });
    expect(model.balancing).toEqual({ policy: "locality-first", by: "bytes" });
    expect(model.rebalance).toEqual({ enabled: true, interval: 10e9, tolerance: 300e9, crossSite: true });
    expect(model.create).toEqual({ mode: "reuse-only", max: 0, time: 600e9, deadline: 8 * 3600e9 });
    expect([model.backup, model.restore, model.failures, model.chunk, model.sampleInterval]).toEqual([undefined, undefined, [], GiB, 60e9]);
  });

  it("fleetSchema converts units: 1Gbit/s is 125e6 B/s, 5ms is 5e6 ns, 8GiB is 2^33 B, 1min is 60e9 ns", () => {
    const model = fleetSchema.parse({
      ...BASE,
      network: { wan: "1Gbit/s", wanLatency: "5ms" },
      vms: { diskSize: { distribution: "uniform", min: "8GiB", max: "16GiB" } },
      restore: { vms: 2, mountTime: "1min" },
    });
    expect(model.network).toEqual({ wan: 125e6, wanLatency: 5e6, lanLatency: 100e3 });
    expect(model.vms.diskSize).toEqual({ distribution: "uniform", min: 8 * GiB, max: 16 * GiB });
    expect(model.restore).toEqual({ vms: 2, mode: "instant", mountTime: 60e9, serviceReady: 60e9 });
  });

  it("fleetSchema refuses unknown keys, bad names, an unknown balancing policy or load measure, naming the path", () => {
    expect(issues({ ...BASE, vsas: { count: 2, speed: 3 } })).toEqual([["vsas", "unrecognized_keys"]]);
    expect(issues({ ...BASE, sites: [{ name: "1s", hosts: [{ type: "t", count: 1, vms: 1 }] }] })).toEqual([["sites.0.name", "invalid_format"]]);
    expect(issues({ ...BASE, balancing: { policy: "nope" } })).toEqual([["balancing.policy", "invalid_union"]]);
    expect(issues({ ...BASE, balancing: { policy: "round-robin", by: "vms" } })).toEqual([["balancing.by", "invalid_value"]]);
    expect(issues({ ...BASE, failures: [{ phase: "restore", at: "1s", target: "host", index: 0 }] })).toEqual([["failures.0.target", "invalid_value"]]);
  });

  it("restore.pipeline takes the restore kind's fields and defaults: 4 MiB chunks, register 2 s + power-on 1 s, no byType, no relocation", () => {
    const pipeline = pipelineSchema.parse({ vms: { trace: "x.csv", serviceReady: "30s" } });
    expect(pipeline.chunkSize).toBe(4 * 2 ** 20);
    expect(pipeline.vms).toEqual({ blockSize: 2 ** 20, trace: "x.csv", serviceReady: 30e9, threads: 2, profile: { traces: [] }, byType: {} });
    expect(pipeline.timeline).toEqual({ registerTime: 2e9, powerOnTime: 1e9 });
    expect(pipeline.mediaAgents.storage.device).toBe("dedup");
    expect(pipeline.mediaAgents).not.toHaveProperty("count");
    expect(pipeline.relocation).toBeUndefined();
    // A full restore's copy without a `relocation` block: 4 streams, no rate limit, sequential.
    expect(pipelineRelocationSchema.parse({})).toEqual({ streams: 4, rateLimit: 0, readClass: "relocation", scheme: "sequential", options: {} });
  });

  it("loadScenario() with a unitless pipeline size fails with one line naming its path", () => {
    const file = fileURLToPath(new URL("../../../../scenarios/fleet/mass-restore.yaml", import.meta.url));
    expect(() => loadScenario(file, { sets: ["model.restore.pipeline.chunkSize=lots"] })).toThrow(/model\.restore\.pipeline\.chunkSize/);
  });
});
