/**
 * What one replication of a `kind: restore` scenario holds in memory, from the scenario alone:
 * per VM of the largest partition, its block tables (versions, flags: 16 B a block), its chunk
 * state at the media agent (32 B a chunk) and its synthetic service requests (64 B each).
 */
import type { ResourceNeed } from "../../../contracts/model-kind.ts";
import { formatBytes } from "../../../util/units.ts";
import { restorePartitions } from "./partitions.ts";
import { isTraceService, type RestoreSpec } from "./schema.ts";

const BYTES_PER_BLOCK = 16;
const BYTES_PER_CHUNK = 32;
const BYTES_PER_SERVICE_REQUEST = 64;
/** Events a service request causes (issue, device, completion), about. */
const EVENTS_PER_SERVICE_REQUEST = 4;

/**
 * The parts of a restore replication's memory, each naming the field that drives it.
 *
 * @example
 * import { restoreSchema } from "./schema.ts";
 * const spec = restoreSchema.parse({ kind: "restore", vms: { trace: "t.csv", serviceReady: "1s", diskSize: "4GiB", blockSize: "1B" } });
 * restoreNeeds(spec)[0].bytes // => 4 * 2 ** 30 * 16
 */
export function restoreNeeds(spec: RestoreSpec): ResourceNeed[] {
  const partitions = restorePartitions({ vms: spec.vms.count, agents: spec.mediaAgents.count, hosts: spec.hosts.count });
  const vms = Math.max(...partitions.map((partition) => partition.vms.length));
  const disk = spec.vms.diskSize;
  const blocks = Math.ceil(disk / Math.max(1, spec.vms.blockSize));
  const chunks = Math.ceil(disk / Math.max(1, spec.chunkSize));
  const service = spec.vms.service;
  const requests = service?.requests ?? 0;
  // A trace-driven service phase without a request limit: its window is only known once the trace is read.
  const unbounded = service !== undefined && isTraceService(service) && service.requests === undefined;
  const onVms = vms === 1 ? "" : ` × ${vms} VMs run together`;
  return [
    { field: "model.vms.blockSize", what: `${blocks} blocks of ${formatBytes(spec.vms.blockSize)} on each ${formatBytes(disk)} disk${onVms}`, bytes: vms * blocks * BYTES_PER_BLOCK, events: 0 },
    { field: "model.chunkSize", what: `${chunks} chunks of ${formatBytes(spec.chunkSize)} on each ${formatBytes(disk)} disk${onVms}`, bytes: vms * chunks * BYTES_PER_CHUNK, events: 0 },
    { field: "model.vms.service.requests", what: unbounded ? `the service trace's window per VM (not estimated: set model.vms.service.requests to bound it)${onVms}` : `${requests} service requests per VM${onVms}`, bytes: vms * requests * BYTES_PER_SERVICE_REQUEST, events: spec.vms.count * requests * EVENTS_PER_SERVICE_REQUEST },
  ];
}
