/**
 * A one-site fleet whose instant restores run the restore pipeline, with the parameters of a
 * matching `kind: restore` scenario, parsed by the real schemas (units converted, defaults filled).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RngStreams } from "../../src/kernel/rng.ts";
import type { ProgressOptions } from "../../src/kernel/simulation.ts";
import { runFleet, type FleetResult } from "../../src/fleet/run-fleet.ts";
import { fleetPipeline } from "../../src/lab/kinds/fleet/pipeline.ts";
import { fleetSchema, type FleetModel } from "../../src/lab/kinds/fleet/schema.ts";
import { restoreSchema, type RestoreSpec } from "../../src/lab/kinds/restore/schema.ts";

/** Folder the traces are resolved from (`../../traces/...`). */
export const scenarioDir = join(fileURLToPath(new URL("../..", import.meta.url)), "scenarios/fleet");

const boot = {
  trace: "../../traces/gboot1.csv",
  serviceReady: "35724121us",
  profile: { traces: [{ file: "../../traces/gboot0.csv", serviceReady: "36524944us" }] },
};
const storage = { device: "dedup", chunkSize: "4MiB", fragmentation: 0.3, underlying: { device: "hdd", rpm: 7200 } };

const PROFILE = { policy: "profile", options: { lead: 64 } };
/** Lazy live mount: no pre-staging, every first read of a chunk waits for secondary storage. */
export const LAZY = { policy: "none" };
/** An object store (S3-like: ~100 ms to first byte), slow enough that the reads stretch the boot. */
export const OBJECT_STORE = { device: "object-store", firstByteMedian: "100ms", connections: 16 };

/** The `kind: restore` scenario: one VM, one media agent, the profile pre-stager. */
export function restoreSpec(prefetch: object = PROFILE, secondary: object = storage, relocation: object = {}, vms: object = {}): RestoreSpec {
  return restoreSchema.parse({
    kind: "restore",
    chunkSize: "4MiB",
    vms: { diskSize: "16GiB", blockSize: "1MiB", ...boot, ...vms },
    mediaAgents: { storage: secondary, cache: { size: "2GiB", policy: "lru" }, nicBandwidth: "1.25GB/s", nicLatency: "100us" },
    hosts: { nicBandwidth: "1.25GB/s", nicLatency: "100us" },
    timeline: { mountTime: "5s", registerTime: "2s", powerOnTime: "1s" },
    prefetch,
    relocation,
  });
}

/** Knobs of {@link fleetModel}; `full` makes the restores full (copy every block, then boot). */
export interface FleetToyOptions {
  vms?: number;
  mediaAgents?: number;
  vsaCores?: number;
  failures?: unknown[];
  prefetch?: object;
  storage?: object;
  full?: { relocation?: object };
  /** Disks per VM (all of `diskSize`); default 1. */
  disks?: number;
  /** Each disk's size; default "16GiB". */
  diskSize?: string;
  /** `restore.pipeline.vms.allocated`: allocated bytes of each disk; default the whole disk. */
  allocated?: string;
  /** `restore.pipeline.vms.scale`: the boot trace's working-set scale. */
  scale?: number;
  /** `restore.pipeline.templates` (image diversity; the toy's one VM type is `t`). */
  templates?: Record<string, { count?: number; sharedFraction: number }>;
  /** `restore.pipeline.vms.service`: the post-boot service phase. */
  service?: object;
}

/** The same restore inside a fleet: `vms` VMs on one host, `mediaAgents` agents, one VSA of `slots` slots. */
export function fleetModel(options: FleetToyOptions = {}): FleetModel {
  const cores = options.vsaCores ?? 8;
  return fleetSchema.parse({
    kind: "fleet",
    sites: [{ name: "a", datastores: 1, hosts: [{ type: "t", count: 1, vms: options.vms ?? 1 }] }],
    hosts: { nic: "1.25GB/s" },
    vms: {
      diskSize: { distribution: "constant", value: options.diskSize ?? "16GiB" },
      ...(options.disks !== undefined ? { disks: { min: options.disks, max: options.disks } } : {}),
    },
    // A full restore's copy crosses the VSA and the datastore: as wide as the NICs, they add no bottleneck.
    vsas: { count: 1, cores, ram: `${2 * cores}GiB`, ...(options.full ? { throughput: "1.25GB/s" } : {}) },
    ...(options.full ? { datastores: { rate: "1.25GB/s" } } : {}),
    mediaAgents: { count: options.mediaAgents ?? 1, nic: "1.25GB/s" },
    network: { lanLatency: "100us" },
    restore: {
      vms: options.vms ?? 1,
      ...(options.full ? { mode: "full" } : {}),
      mountTime: "5s",
      pipeline: {
        chunkSize: "4MiB",
        vms: { blockSize: "1MiB", ...boot, ...(options.allocated !== undefined ? { allocated: options.allocated } : {}), ...(options.scale !== undefined ? { scale: options.scale } : {}), ...(options.service !== undefined ? { service: options.service } : {}) },
        mediaAgents: { storage: options.storage ?? storage, cache: { size: "2GiB", policy: "lru" } },
        timeline: { registerTime: "2s", powerOnTime: "1s" },
        prefetch: options.prefetch ?? PROFILE,
        ...(options.full?.relocation ? { relocation: options.full.relocation } : {}),
        ...(options.templates ? { templates: options.templates } : {}),
      },
    },
    failures: options.failures ?? [],
    // One window longer than the run: no utilisation sample touches the network mid-run.
    sampleInterval: "1h",
  });
}

/** Runs `model` on seed "1/0" with its pipeline (and a progress observer, if given). */
export function runPipelineFleet(model: FleetModel, progress: ProgressOptions = {}): FleetResult {
  const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir };
  const block = model.restore?.pipeline;
  return runFleet(model, context.streams, { ...progress, pipeline: block === undefined ? undefined : fleetPipeline(model, block, context) });
}
