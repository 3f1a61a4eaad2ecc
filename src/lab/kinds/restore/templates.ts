/**
 * Image diversity in the restore kind (`model.vms.templates`): VM i is a clone of template
 * i mod `count`, and that fraction of its chunks are the template's (restore/shared-chunks.ts),
 * stored once on its media agent and cached once there. The template images sit on the media
 * agent's storage after the VMs' own backups, so a VM's own chunks are where they were without
 * templates.
 */
import type { MediaAgentService } from "../../../restore/media-agent-service.ts";
import type { SharedImage } from "../../../restore/shared-chunks.ts";
import type { RestoreSpec } from "./schema.ts";

/**
 * The template image VM `vm` is a clone of on its media agent's `service`, or null when the
 * scenario declares no templates. VM i uses media agent i mod A, whose VMs' backups fill the first
 * ⌈count/A⌉ disk slots of its storage; template t is the slot after them plus t.
 *
 * @example
 * import { MediaAgent } from "../../../models/hosts/media-agent.ts";
 * import { FixedLatencyDevice } from "../../../models/devices/fixed-latency.ts";
 * import { Network } from "../../../models/network/network.ts";
 * import { Cache } from "../../../policies/cache/cache.ts";
 * import { ReadTracker } from "../../../restore/read-tracking.ts";
 * import { MediaAgentService } from "../../../restore/media-agent-service.ts";
 * const ma = new MediaAgent(sim, new Network(sim), "ma", new FixedLatencyDevice(sim, "ma.storage", { latency: 1_000_000 }), { cores: 1, decompressionRate: 1e9, nicBandwidth: 1e9, nicLatency: 5_000 });
 * const tracker = new ReadTracker(new Cache(64 << 20, cachePolicies.get("lru").create({ capacity: 64 << 20 })));
 * const service = new MediaAgentService(sim, ma, tracker, schedulingPolicies.get("strict-priority").create({}), { chunkSize: 1 << 20, hitLatency: 100_000, fetchSlots: 16, decompress: true });
 * const spec = { chunkSize: 1 << 20, vms: { count: 4, diskSize: 8 << 20, templates: { count: 2, sharedFraction: 1 } }, mediaAgents: { count: 1 } };
 * const image = templateImageOf(spec, service, 3);
 * [image.name, image.storageBase / (8 << 20), image.chunkCount] // => ["templates.t1", 5, 8] // after the 4 VMs' slots
 * templateImageOf(spec, service, 1) === image // => true // VM 1 is a clone of template 1 too
 * templateImageOf({ ...spec, vms: { ...spec.vms, templates: undefined } }, service, 0) // => null
 */
export function templateImageOf(spec: TemplateLayout, service: MediaAgentService, vm: number): SharedImage | null {
  const templates = spec.vms.templates;
  if (templates === undefined) return null;
  const { diskSize, count } = spec.vms;
  const template = vm % templates.count;
  const slotsPerAgent = Math.ceil(count / spec.mediaAgents.count);
  return service.image(`templates.t${template}`, (slotsPerAgent + template) * diskSize, diskSize / spec.chunkSize, templates.sharedFraction);
}

/** The fields of a restore scenario {@link templateImageOf} reads. */
export interface TemplateLayout {
  chunkSize: RestoreSpec["chunkSize"];
  vms: Pick<RestoreSpec["vms"], "count" | "diskSize" | "templates">;
  mediaAgents: Pick<RestoreSpec["mediaAgents"], "count">;
}
