/**
 * The restore kind's workload inputs, read once and shared by every VM and replication with the
 * same files: boot traces and their replay plans, operational profiles and the oracle's future,
 * all in chunk units for the prefetchers.
 */
import { existsSync, statSync } from "node:fs";
import type { RngStreams } from "../../../kernel/rng.ts";
import { distinctBlocks, traceBlockReads } from "../../../workloads/profile/blocks.ts";
import { learnProfile, learnProfileFromReads } from "../../../workloads/profile/learn.ts";
import { loadProfile } from "../../../workloads/profile/serialize.ts";
import type { BlockRange, Profile } from "../../../workloads/profile/types.ts";
import { DepKind, inferReplayPlan, openLoopPlan, type ReplayPlan, resumeOption } from "../../../workloads/replay/plan.ts";
import { loadPlanFile } from "../../../workloads/replay/plan-file.ts";
import { serviceWorkload } from "../../../workloads/synthetic/service.ts";
import { detectTraceFormat, openTrace } from "../../../workloads/traces/open.ts";
import type { TraceRequest } from "../../../workloads/traces/types.ts";
import { scaleTrace } from "../../../workloads/traces/scale.ts";
import { mapOntoDisk, traceExtent, traceWindow } from "../../../workloads/traces/window.ts";
import { resolveInScenarioFolder } from "../../../util/paths.ts";
import { InputError } from "../../../util/errors.ts";
import { isTraceService, type RestoreSpec, type TraceService } from "./schema.ts";

/** A boot trace with what the restore derives from it, shared read-only. */
export interface BootInputs {
  plan: ReplayPlan;
  serviceReadyUs: number;
  /** The guest's reads before service ready, in chunks (the oracle's future). */
  future: BlockRange[];
  /** Largest byte offset the trace touches. */
  extentBytes: number;
}

const traces = new Map<string, TraceRequest[]>();
const boots = new Map<string, BootInputs>();
const profiles = new Map<string, Profile>();
const servicePlans = new Map<string, { plan: ReplayPlan; extentBytes: number; key: string }>();

/**
 * Resolves `file` against the scenario folder (inside its project or `dataDir`); an InputError
 * naming `where` if it is not a file.
 */
export function scenarioFile(dir: string, file: string, where: string, dataDir?: string): string {
  const path = resolveInScenarioFolder(dir, dir, where, file, dataDir);
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(path, where, `an existing file, relative to the scenario file's folder (got "${file}")`);
  return path;
}

function traceOf(path: string): TraceRequest[] {
  let requests = traces.get(path);
  if (requests === undefined) {
    requests = [...openTrace(path, detectTraceFormat(path))];
    traces.set(path, requests);
  }
  return requests;
}

/** The trace at `path` scaled by `scale` (`vms.scale`; 1 = as recorded). */
function scaledTraceOf(path: string, scale: number): readonly TraceRequest[] {
  return scaleTrace(traceOf(path), scale);
}

/**
 * The boot inputs of `spec.vms` (cached by file, service-ready cut and chunk size).
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * bootInputs(spec, "scenarios/restore").plan.count // => 4632 // gboot1
 */
export function bootInputs(spec: RestoreSpec, dir: string, dataDir?: string): BootInputs {
  const path = scenarioFile(dir, spec.vms.trace, "model.vms.trace", dataDir);
  const readyUs = spec.vms.serviceReady / 1000;
  const planPath = spec.vms.replay === undefined ? undefined : scenarioFile(dir, spec.vms.replay, "model.vms.replay", dataDir);
  const scale = spec.vms.scale ?? 1;
  const key = `${path}|${readyUs}|${spec.chunkSize}|${spec.vms.threads}|${spec.vms.resume ?? ""}|${planPath ?? ""}|${scale}`;
  let inputs = boots.get(key);
  if (inputs === undefined) {
    const requests = scaledTraceOf(path, scale);
    let extentBytes = 0;
    for (const r of requests) extentBytes = Math.max(extentBytes, r.offset + r.length);
    const plan = planPath === undefined ? inferReplayPlan(requests, { threads: spec.vms.threads, ...resumeOption(spec.vms.resume) }) : loadPlanFile(planPath, requests, "model.vms.replay");
    inputs = { plan, serviceReadyUs: readyUs, future: traceBlockReads(requests, { blockSize: spec.chunkSize, cutAtUs: readyUs }), extentBytes };
    boots.set(key, inputs);
  }
  return inputs;
}

/**
 * The operational profile in chunks: learned from `vms.profile.traces`, or a saved profile
 * converted to chunks; undefined when neither is given.
 *
 * @example
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[1].scenario.model as RestoreSpec; // lazy: one VM, no relocation
 * profileInputs(spec, "scenarios/restore")?.blockSize // => 4194304
 */
export function profileInputs(spec: RestoreSpec, dir: string, dataDir?: string): Profile | undefined {
  const { traces: boots, file } = spec.vms.profile;
  if (file === undefined && boots.length === 0) return undefined;
  const paths =
    file !== undefined
      ? [scenarioFile(dir, file, "model.vms.profile.file", dataDir)]
      : boots.map((b, i) => scenarioFile(dir, b.file, `model.vms.profile.traces[${i}].file`, dataDir));
  const scale = spec.vms.scale ?? 1;
  const key = `${paths.join("|")}|${boots.map((b) => b.serviceReady).join(",")}|${spec.chunkSize}|${scale}`;
  let profile = profiles.get(key);
  if (profile === undefined) {
    if (file !== undefined) {
      const saved = loadProfile(paths[0]);
      checkSavedProfile(saved, paths[0], spec);
      const ratio = spec.chunkSize / saved.blockSize;
      profile = learnProfileFromReads([distinctBlocks(saved.blocks.map((b) => ({ firstBlock: Math.floor(b / ratio), blockCount: 1 })))], spec.chunkSize);
    } else {
      profile = learnProfile(paths.map((p) => scaledTraceOf(p, scale)), { blockSize: spec.chunkSize, cutAtUs: boots.map((b) => b.serviceReady / 1000) });
    }
    profiles.set(key, profile);
  }
  return profile;
}

/**
 * A saved profile must fit the scenario: its block size divides the chunk size (blocks map onto
 * whole chunks) and every block lies on the disk. Throws an InputError naming the profile file
 * and the field.
 */
function checkSavedProfile(saved: Profile, path: string, spec: RestoreSpec): void {
  if (spec.chunkSize % saved.blockSize !== 0) {
    throw new InputError(path, "blockSize", `a block size dividing the scenario's model.chunkSize (${spec.chunkSize} bytes), got ${saved.blockSize}`);
  }
  const blocksOnDisk = Math.ceil(spec.vms.diskSize / saved.blockSize);
  const beyond = saved.blocks.findIndex((block) => block >= blocksOnDisk);
  if (beyond >= 0) {
    throw new InputError(path, `blocks[${beyond}]`, `a block on the scenario's ${spec.vms.diskSize}-byte disk (blocks 0 to ${blocksOnDisk - 1} of ${saved.blockSize} bytes), got ${saved.blocks[beyond]}`);
  }
}

/**
 * The service phase of VM `vmName` after service ready: the synthetic workload drawn from its
 * own stream (open loop), or with `vms.service.trace` the trace's window (see
 * {@link serviceTraceRequests}) replayed open loop when the trace has no recorded latencies
 * (issued at its own times) and closed loop through the replay model when it has (think times
 * kept, `loaderPhase` off: a service is no boot). A trace's plan is inferred once and shared by
 * every VM; only its offsets are mapped onto each VM's disk (`spec.vms.diskSize`): the replay
 * model reads times, ops and latencies, never offsets. `where` is the field path errors name
 * (a fleet's pipeline passes its own).
 *
 * @example
 * const spec = loadScenario("scenarios/restore/relocation-write-heavy.yaml").variants[0].scenario.model as RestoreSpec;
 * servicePlan(spec, new RngStreams("1/0"), "vms.vm3", "scenarios/restore")?.count // => 20000
 */
export function servicePlan(spec: RestoreSpec, streams: RngStreams, vmName: string, dir: string, dataDir?: string, where = "model.vms.service"): ReplayPlan | undefined {
  const service = spec.vms.service;
  if (service === undefined) return undefined;
  if (isTraceService(service)) {
    const { plan, extentBytes, key: windowKey } = serviceWindowPlan(service, dir, dataDir, where);
    const key = `${windowKey}|${service.mapping}|${spec.vms.diskSize}`;
    let mapped = mappedServicePlans.get(key);
    if (mapped === undefined) {
      mapped = { plan: { ...plan, requests: mapOntoDisk(plan.requests, spec.vms.diskSize, service.mapping, extentBytes) } };
      // Bounded: a fleet's VMs each have their own disk size, and a plan lives as long as its VM's replay.
      if (mappedServicePlans.size >= MAPPED_SERVICE_PLANS) mappedServicePlans.delete(mappedServicePlans.keys().next().value as string);
      mappedServicePlans.set(key, mapped);
    }
    return mapped.plan;
  }
  const requests = [
    ...serviceWorkload(streams.stream(`${vmName}.service`), {
      requests: service.requests,
      meanGapUs: service.meanGap / 1000,
      writeShare: service.writeShare,
      hotSetBytes: Math.min(service.hotSetBytes, spec.vms.diskSize),
    }),
  ];
  return openLoopPlan(requests);
}

/** Service plans mapped onto one disk size, kept for reuse (the restore kind's VMs share one size). */
const mappedServicePlans = new Map<string, { plan: ReplayPlan }>();
const MAPPED_SERVICE_PLANS = 16;

/**
 * Checks a trace-driven service phase where it is declared: the file exists and its window holds
 * requests (an InputError naming `where` otherwise). Its plan is inferred and kept for the VMs.
 *
 * @example
 * checkServiceTrace({ trace: "../../traces/cloudPhysicsIO.vscsi", from: 1768e9, duration: 4e9, mapping: "modulo", threads: 2 }, "scenarios/restore", undefined, "model.vms.service") // => undefined // 1,237 requests in that window (an empty one throws, naming model.vms.service.trace)
 */
export function checkServiceTrace(service: TraceService, dir: string, dataDir: string | undefined, where: string): void {
  serviceWindowPlan(service, dir, dataDir, where);
}

/**
 * The replay plan of a service trace's window at the trace's own offsets, and the trace's extent
 * (what `mapping: scale` scales by); cached by file and window.
 */
function serviceWindowPlan(service: TraceService, dir: string, dataDir: string | undefined, where: string): { plan: ReplayPlan; extentBytes: number; key: string } {
  const path = scenarioFile(dir, service.trace, `${where}.trace`, dataDir);
  const key = `${path}|${service.from}|${service.duration ?? ""}|${service.requests ?? ""}|${service.threads}|${service.resume ?? ""}`;
  let entry = servicePlans.get(key);
  if (entry === undefined) {
    const { requests: window, extentBytes } = traceWindowOf(path, service, `${where}.trace`);
    const recorded = window.length > 0 && window.every((r) => r.latencyUs !== undefined);
    const plan = recorded ? inferReplayPlan(window, { threads: service.threads, loaderPhase: false, ...resumeOption(service.resume) }) : openLoopPlan(window);
    entry = { plan, extentBytes, key };
    servicePlans.set(key, entry);
  }
  return entry;
}

/** The window's requests at their recorded offsets and the whole trace's extent; an InputError naming `where` when the window is empty. */
function traceWindowOf(path: string, service: TraceService, where: string): { requests: TraceRequest[]; extentBytes: number } {
  const whole = traceOf(path);
  const window = traceWindow(whole, { fromUs: service.from / 1000, durationUs: service.duration === undefined ? undefined : service.duration / 1000, requests: service.requests });
  if (window.length === 0) throw new InputError(path, where, `requests issued in the window from ${service.from / 1e9} s${service.duration === undefined ? "" : ` for ${service.duration / 1e9} s`} (the trace's last request is at ${(whole.at(-1)?.timeUs ?? 0) / 1e6} s)`);
  return { requests: window, extentBytes: traceExtent(whole) };
}

/**
 * The requests of a trace-driven service phase: the trace's requests issued in
 * `[from, from + duration)`, at most `requests` of them, each offset mapped onto the VM's disk
 * by `mapping` (src/workloads/traces/window.ts; `scale` against the whole trace's extent, so the
 * placement does not depend on the window). An InputError naming `model.vms.service.trace` when
 * the file is missing or the window holds no request.
 *
 * @example
 * import { restoreSchema } from "./schema.ts";
 * const spec = restoreSchema.parse({ kind: "restore", vms: { trace: "../../traces/gboot1.csv", serviceReady: "1s", diskSize: "16GiB",
 *   service: { trace: "../../traces/cloudPhysicsIO.vscsi", from: "1768s", duration: "4s" } } });
 * serviceTraceRequests(spec, spec.vms.service as TraceService, "scenarios/restore").requests.length // => 1237
 */
export function serviceTraceRequests(spec: RestoreSpec, service: TraceService, dir: string, dataDir?: string): { path: string; requests: readonly TraceRequest[] } {
  const path = scenarioFile(dir, service.trace, "model.vms.service.trace", dataDir);
  const { requests, extentBytes } = traceWindowOf(path, service, "model.vms.service.trace");
  return { path, requests: mapOntoDisk(requests, spec.vms.diskSize, service.mapping, extentBytes) };
}

/**
 * Where a service plan's window ends, µs since its first request: the last recorded completion,
 * for a closed-loop plan (a trace with latencies), whose replay then reports the `serviceEnd`
 * milestone with its model band; undefined for an open-loop plan (issue times are the trace's,
 * nothing is inferred) or none.
 *
 * @example
 * import { inferReplayPlan, openLoopPlan } from "../../../workloads/replay/plan.ts";
 * const trace = [{ timeUs: 0, op: "R" as const, offset: 0, length: 4096, latencyUs: 100 }, { timeUs: 1000, op: "R" as const, offset: 8192, length: 4096, latencyUs: 300 }];
 * serviceEndUs(inferReplayPlan(trace, { loaderPhase: false })) // => 1300
 * serviceEndUs(openLoopPlan(trace)) // => undefined
 */
export function serviceEndUs(plan: ReplayPlan | undefined): number | undefined {
  if (plan === undefined || plan.kind.every((kind) => kind === DepKind.Start)) return undefined;
  let end = 0;
  for (const completion of plan.traceCompletionUs) end = Math.max(end, completion);
  return end;
}
