/** Small hand-checkable fleet specs for the tests (units already converted: ns, bytes, bytes/s). */
import type { FleetSpec, SiteSpec } from "../../src/fleet/spec.ts";

/** A one-site estate with every latency 0 and constant sizes, so times can be worked out by hand. */
export function toySpec(overrides: Partial<FleetSpec> = {}, sites?: SiteSpec[]): FleetSpec {
  return {
    sites: sites ?? [{ name: "a", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 1, vms: 4 }] }],
    hosts: { spareCores: 16, spareRam: 64 * 2 ** 30, nbdRate: 5e7, nic: 1.25e9 },
    vms: {
      disks: { min: 1, max: 1 },
      diskSize: { distribution: "constant", value: 1e10 },
      changeRate: { min: 0.1, max: 0.1 },
      bootWorkingSet: { distribution: "constant", value: 1e9 },
    },
    datastores: { rate: 1e9 },
    vsas: { count: 1, cores: 2, ram: 4 * 2 ** 30, ramPerTask: 2 * 2 ** 30, throughput: 2e8, streamRate: 1e8 },
    mediaAgents: { count: 1, nic: 1.25e9, ingest: 1e9, read: 1e9 },
    network: { wan: 1.25e8, wanLatency: 0, lanLatency: 0 },
    balancing: { policy: "locality-first", by: "bytes" },
    rebalance: { enabled: true, interval: 10e9, tolerance: 60e9, crossSite: true },
    create: { mode: "reuse-only", max: 0, time: 60e9, deadline: 8 * 3600e9 },
    backup: { taskOverhead: 10e9 },
    failures: [],
    chunk: 2 ** 30,
    sampleInterval: 10e9,
    ...overrides,
  };
}

/** The value of metric `name` in a list of metrics. */
export function metric(metrics: readonly { name: string; value: number }[], name: string): number {
  const found = metrics.find((m) => m.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found.value;
}
