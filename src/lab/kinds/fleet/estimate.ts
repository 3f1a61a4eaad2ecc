/**
 * What one replication of a `kind: fleet` scenario needs, from the scenario alone: its estate
 * (about 1 KiB and 10 events per VM: records, tasks, placement), the chunk
 * transfers of its backups and restores (each VM's disks, of the mean size, cross the network in
 * `chunk`s, a few events each), and, with `restore.pipeline`, the block tables of every restored VM (16 B a block).
 */
import type { ResourceNeed } from "../../../contracts/model-kind.ts";
import { formatBytes } from "../../../util/units.ts";
import type { FleetModel } from "./schema.ts";

const EVENTS_PER_CHUNK = 3;
/** Per VM of the estate: its records, tasks and placement (about), and the events of its tasks. */
const BYTES_PER_VM = 1024;
const EVENTS_PER_VM = 10;
const BYTES_PER_BLOCK = 16;

/** A size distribution's mean: totals over many VMs come out near it. */
function meanSize(spec: FleetModel["vms"]["diskSize"]): number {
  if (spec.distribution === "constant") return spec.value;
  if (spec.distribution === "uniform") return (spec.min + spec.max) / 2;
  return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
}

/**
 * The parts of a fleet replication's needs, each naming the field that drives it.
 *
 * @example
 * import { fleetSchema } from "./schema.ts";
 * const spec = fleetSchema.parse({ kind: "fleet", sites: [{ name: "a", hosts: [{ type: "os", count: 10, vms: 10 }] }],
 *   vsas: { count: 1 }, mediaAgents: { count: 1 }, chunk: "1MiB" });
 * fleetNeeds(spec)[1].events // => 100 * 65536 * 3 // 100 VMs of 64 GiB in 1 MiB chunks
 */
export function fleetNeeds(spec: FleetModel): ResourceNeed[] {
  const vms = spec.sites.reduce((sum, site) => sum + site.hosts.reduce((s, group) => s + group.count * group.vms, 0), 0);
  const vmBytes = Math.round(((spec.vms.disks.min + spec.vms.disks.max) / 2) * meanSize(spec.vms.diskSize));
  const chunks = Math.ceil(vmBytes / spec.chunk);
  const needs: ResourceNeed[] = [
    { field: "model.sites", what: `an estate of ${vms} VMs`, bytes: vms * BYTES_PER_VM, events: vms * EVENTS_PER_VM },
    { field: "model.chunk", what: `${chunks} chunks of ${formatBytes(spec.chunk)} for each of ${vms} VMs' disks (${formatBytes(vmBytes)})`, bytes: 0, events: vms * chunks * EVENTS_PER_CHUNK },
  ];
  const pipeline = spec.restore?.pipeline;
  if (spec.restore && pipeline) {
    const blocks = Math.ceil(vmBytes / pipeline.vms.blockSize);
    needs.push({
      field: "model.restore.pipeline.vms.blockSize",
      what: `${blocks} blocks of ${formatBytes(pipeline.vms.blockSize)} for each of ${spec.restore.vms} restored VMs`,
      bytes: spec.restore.vms * blocks * BYTES_PER_BLOCK,
      events: 0,
    });
  }
  return needs;
}
