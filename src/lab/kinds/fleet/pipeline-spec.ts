/**
 * From a fleet's `restore.pipeline` block to the restore kind's inputs: the `RestoreSpec` its
 * builders read (media agents sized by the fleet, relocation off), and per VM type the boot
 * trace, replay plan, profile and predicted bytes, checked once with errors naming the fleet's
 * field paths.
 */
import type { EstateVm } from "../../../fleet/estate.ts";
import type { Profile } from "../../../workloads/profile/types.ts";
import { InputError } from "../../../util/errors.ts";
import { bootInputs, checkServiceTrace, profileInputs, scenarioFile, type BootInputs } from "../restore/workload.ts";
import { isTraceService, restoreSchema, type RestoreSpec } from "../restore/schema.ts";
import type { FleetModel, FleetPipelineModel } from "./schema.ts";

/** A VM type's boot, shared read-only by every VM of the type. */
export interface PipelineBoot {
  spec: RestoreSpec;
  inputs: BootInputs;
  profile: Profile | undefined;
  /** Bytes the boot reads before service ready (the trace's reads up to the cut). */
  readBytes: number;
  /** Requests (reads and writes) the boot issues up to the cut: what a progress line counts. */
  requests: number;
}

type BootChoice = Pick<FleetPipelineModel["vms"], "trace" | "serviceReady" | "threads" | "resume" | "replay" | "scale" | "profile" | "service">;

const PIPELINE = "model.restore.pipeline";
// Relocation stays at the restore kind's defaults with start "never": fleet restores are live mounts.
// Parsed on first use, not at import: parsing fixes the generated schema, and library users may
// still register policies after importing rtolab.
let noRelocation: RestoreSpec["relocation"] | undefined;

/**
 * The `kind: restore` spec equivalent to the fleet's pipeline for one boot choice, with
 * `mediaAgents` media agents whose NIC and latency are the fleet's.
 *
 * @example
 * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
 * restoreSpecFor(model, model.restore.pipeline, model.restore.pipeline.vms, 4).mediaAgents.count // => 4
 */
export function restoreSpecFor(model: FleetModel, pipeline: FleetPipelineModel, boot: BootChoice, mediaAgents: number): RestoreSpec {
  const { blockSize, allocated } = pipeline.vms;
  return {
    kind: "restore",
    chunkSize: pipeline.chunkSize,
    // The disk size is each VM's own (vm-disks.ts: its first disk, or all of them for a full restore); this one sizes nothing.
    vms: { count: 1, startSpacing: 0, diskSize: pipeline.chunkSize, blockSize, allocated, trace: boot.trace, serviceReady: boot.serviceReady, threads: boot.threads, ...(boot.resume === undefined ? {} : { resume: boot.resume }), replay: boot.replay, ...(boot.scale === undefined ? {} : { scale: boot.scale }), profile: boot.profile, ...(boot.service === undefined ? {} : { service: boot.service }) },
    mediaAgents: { ...pipeline.mediaAgents, count: mediaAgents, nicBandwidth: model.mediaAgents.nic, nicLatency: model.network.lanLatency },
    hosts: { count: 1, datastore: pipeline.hosts.datastore, nicBandwidth: model.hosts.nic, nicLatency: model.network.lanLatency },
    network: { sharing: "max-min" },
    timeline: { mountTime: model.restore?.mountTime ?? 0, ...pipeline.timeline },
    prefetch: pipeline.prefetch,
    relocation: (noRelocation ??= { ...restoreSchema.shape.relocation.parse({}), start: "never" }),
    writeArea: pipeline.writeArea,
    metricsWindow: model.sampleInterval,
    unsafeSkipMirrorMarks: false,
  };
}

/** Read bytes and requests of a boot plan's requests issued up to the service-ready cut. */
function bootReads(inputs: BootInputs): { readBytes: number; requests: number } {
  const { plan, serviceReadyUs } = inputs;
  let bytes = 0;
  let requests = 0;
  for (; requests < plan.count; requests++) {
    if (plan.traceIssueUs[requests] > serviceReadyUs) break;
    const request = plan.requests[requests];
    if (request.op === "R") bytes += request.length;
  }
  return { readBytes: bytes, requests };
}

/**
 * Checks the pipeline block against the estate and loads every boot it names: `byType` keys
 * must be host types, files must exist, the block size must divide the chunk size, a dedup
 * store's chunk must equal `chunkSize`, and a profile must exist where the prefetch policy needs
 * one (or a full restore's relocation scheme hot-first does). Returns the boot of a VM (by its host type). Throws an InputError naming the field.
 *
 * @example
 * import { generateEstate } from "../../../fleet/estate.ts";
 * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
 * const vm = generateEstate(model, new RngStreams("1/0")).vms[0];
 * pipelineBoots(model, model.restore.pipeline, "scenarios/fleet")(vm).readBytes // => 110559744 // the boot's reads up to service ready
 */
export function pipelineBoots(model: FleetModel, pipeline: FleetPipelineModel, dir: string, dataDir?: string): (vm: EstateVm) => PipelineBoot {
  const { chunkSize } = pipeline;
  if (chunkSize % pipeline.vms.blockSize !== 0) throw new InputError("scenario", `${PIPELINE}.vms.blockSize`, `a size dividing ${PIPELINE}.chunkSize (${chunkSize})`);
  const storage = pipeline.mediaAgents.storage;
  if (storage.device === "dedup" && storage.chunkSize !== chunkSize) {
    throw new InputError("scenario", `${PIPELINE}.mediaAgents.storage.chunkSize`, `equal to ${PIPELINE}.chunkSize (${chunkSize})`);
  }
  const types = [...new Set(model.sites.flatMap((site) => site.hosts.map((h) => h.type)))];
  for (const [field, keys] of [["vms.byType", Object.keys(pipeline.vms.byType)], ["templates", Object.keys(pipeline.templates ?? {})]] as const) {
    for (const type of keys) {
      if (!types.includes(type)) throw new InputError("scenario", `${PIPELINE}.${field}.${type}`, `a host type of the estate (${types.join(", ")})`);
    }
  }
  const load = (choice: BootChoice, where: string): PipelineBoot => {
    // Files checked here so a missing one is reported under the fleet's field path.
    scenarioFile(dir, choice.trace, `${where}.trace`, dataDir);
    choice.profile.traces.forEach((t, i) => scenarioFile(dir, t.file, `${where}.profile.traces[${i}].file`, dataDir));
    if (choice.profile.file !== undefined) scenarioFile(dir, choice.profile.file, `${where}.profile.file`, dataDir);
    // A service trace's window is checked (and its plan inferred) once here, under the fleet's field path.
    if (choice.service !== undefined && isTraceService(choice.service)) checkServiceTrace(choice.service, dir, dataDir, `${where}.service`);
    const spec = restoreSpecFor(model, pipeline, choice, model.mediaAgents.count);
    const profile = profileInputs(spec, dir, dataDir);
    if (pipeline.prefetch.policy === "profile" && profile === undefined) {
      throw new InputError("scenario", `${where}.profile`, "profile traces or a profile file (prefetch policy profile needs one)");
    }
    if (model.restore?.mode === "full" && pipeline.relocation?.scheme === "hot-first" && profile === undefined) {
      throw new InputError("scenario", `${where}.profile`, "profile traces or a profile file (relocation scheme hot-first needs one)");
    }
    const inputs = bootInputs(spec, dir, dataDir);
    return { spec, inputs, profile, ...bootReads(inputs) };
  };
  const byType = new Map<string, PipelineBoot>();
  let fallback: PipelineBoot | undefined;
  for (const type of types) {
    const own = pipeline.vms.byType[type];
    if (own !== undefined) byType.set(type, load(own, `${PIPELINE}.vms.byType.${type}`));
    else byType.set(type, (fallback ??= load(pipeline.vms, `${PIPELINE}.vms`)));
  }
  return (vm) => {
    const boot = byType.get(vm.host.type);
    if (boot === undefined) throw new Error(`fleet pipeline: no boot for host type ${vm.host.type}`);
    return boot;
  };
}
