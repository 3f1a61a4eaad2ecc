/**
 * The seam between the fleet and the restore pipeline (src/restore). The fleet decides who
 * restores what and where (VSA, media agent, host, network paths) and counts bytes; the pipeline
 * plays each VM's restore: mount → register → power-on → the guest's boot trace through the
 * media agent's cache, I/O scheduler and secondary storage. A full restore first copies every
 * disk of the VM to its datastore (relocation before power-on) and then boots from it. The lab kind builds the pipeline
 * (src/lab/kinds/fleet/pipeline.ts) from `restore.pipeline` and hands the fleet a factory, so
 * this layer never imports the lab.
 */
import type { MetricValue } from "../contracts/model-kind.ts";
import type { Simulation } from "../kernel/simulation.ts";
import type { Link } from "../models/network/network.ts";
import type { Transport } from "../restore/transport.ts";
import type { Fabric, MediaAgentState } from "./components.ts";
import type { EstateVm } from "./estate.ts";
import type { PipelineAttempt } from "./pipeline-attempt.ts";

export type { PipelineAttempt };

/** Called at the attempt's milestones (each at most once). */
export interface PipelineMilestones {
  /** The VM was powered on: the orchestrating VSA's part is done. */
  poweredOn(): void;
  /** The guest reached service ready: the restore task is done. */
  serviceReady(): void;
}

/** How an attempt's traffic crosses the fleet network. */
export interface PipelineRoute {
  /** Carries every byte the attempt moves (the fleet counts and cancels through it). */
  transport: Transport;
  /** Media agent → the VM's host (guest reads of the live-mounted backup). */
  toHost: readonly Link[];
  /** The VM's host → media agent (guest writes to a write area on the media agent). */
  toMediaAgent: readonly Link[];
  /**
   * Full restores: media agent → VSA → the VM's datastore, the path the copier moves every block
   * of the VM's disks along before power-on. Null for an instant restore (a live mount).
   */
  toDatastore: readonly Link[] | null;
}


/** The restore pipeline of one phase: one media-agent service per fleet media agent, shared by all VMs it serves. */
export interface RestorePipeline {
  /**
   * Bytes the VM's boot reads before service ready (its trace's reads up to the cut): the task
   * size balancing policies and rebalancing see.
   */
  predictedBytes(vm: EstateVm): number;
  /**
   * Starts restoring `vm` now from media agent `ma` (a new mount), its traffic over `route`: a
   * live mount, or with `route.toDatastore` a full restore (copy, then power-on and boot).
   *
   * @example
   * import { Fabric, MediaAgentState } from "./components.ts";
   * import { generateEstate } from "./estate.ts";
   * import { Network } from "../models/network/network.ts";
   * import { CancellableTransport } from "../restore/transport.ts";
   * import { fleetPipeline } from "../lab/kinds/fleet/pipeline.ts";
   * const model = loadScenario("scenarios/fleet/mass-restore.yaml").variants[0].scenario.model as FleetModel;
   * const estate = generateEstate(model, new RngStreams("1/0"));
   * const fabric = new Fabric(new Network(sim), model);
   * const ma = new MediaAgentState(0, estate.sites[0], fabric, model.mediaAgents, 0);
   * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/fleet" };
   * const pipeline = fleetPipeline(model, model.restore.pipeline, context)({ sim, fabric, mediaAgents: [ma] });
   * const vm = estate.vms[0];
   * const { toHost, toMediaAgent } = fabric.livePaths(ma, vm.host);
   * const heard: string[] = [];
   * const milestones = { poweredOn: () => heard.push(`poweredOn ${sim.now}`), serviceReady: () => heard.push(`serviceReady ${sim.now}`) };
   * const attempt = pipeline.start(vm, ma, { transport: new CancellableTransport(fabric.network), toHost, toMediaAgent, toDatastore: null }, milestones); // a live mount
   * sim.run(); // (attempt.abort() would stop it, e.g. when the media agent fails)
   * heard // => ["poweredOn 33000000000", "serviceReady 71235068001"]
   */
  start(vm: EstateVm, ma: MediaAgentState, route: PipelineRoute, milestones: PipelineMilestones): PipelineAttempt;
  /** The pipeline's own metrics of the phase (cache hit ratio, bytes from secondary, demand latency). */
  metrics(): MetricValue[];
}

/** What a pipeline is built on: the phase's kernel, links and media agents. */
export interface PipelinePhase {
  sim: Simulation;
  fabric: Fabric;
  mediaAgents: readonly MediaAgentState[];
}

/** Builds a phase's restore pipeline, once per phase. */
export type RestorePipelineFactory = (phase: PipelinePhase) => RestorePipeline;
