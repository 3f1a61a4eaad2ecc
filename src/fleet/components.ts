/**
 * The moving parts of a fleet phase: VSAs and media agents as state the coordinator drives, and
 * the fabric that names their network links and builds each task's path.
 */
import { TimeIntegral } from "../kernel/time-integral.ts";
import type { Link, Network, TransferHandle } from "../models/network/network.ts";
import type { TaskView, VsaView } from "../policies/balancing/types.ts";
import type { CancellableTransport } from "../restore/transport.ts";
import type { EstateHost, EstateVm } from "./estate.ts";
import type { PipelineAttempt } from "./pipeline-attempt.ts";
import type { FleetSpec } from "./spec.ts";

/** What a task does. */
export type TaskKind = "backup" | "restore-instant" | "restore-full";

/** A task with the coordinator's bookkeeping. Times ns, sizes bytes. */
export interface FleetTask extends TaskView {
  readonly kind: TaskKind;
  readonly vmRef: EstateVm;
  /** Setup before the first byte of each attempt (snapshot, mount). */
  readonly overhead: number;
  /** Think time after the last byte (guest services starting) before the task counts done. */
  readonly think: number;
  /**
   * Calibrated coarse instant restore: the VSA's slot is held for `overhead` only (mount,
   * register, power-on, as the pipeline's live mount); the bytes then flow media agent → host,
   * each capped at `readRate` (bytes/s: the guest's reads spread over its boot, not front-loaded).
   */
  readonly liveMount?: { readonly readRate: number };
  /** Bytes moved by attempts that were not aborted (checkpointed per chunk). */
  bytesDone: number;
  firstStart: number;
  completedAt: number;
  completions: number;
  /** Incremented on every start and abort: callbacks of an older attempt are ignored. */
  attempt: number;
  vsa: Vsa | null;
  ma: MediaAgentState | null;
  /** Moved once by rebalancing already (a task moves at most once, so work cannot ping-pong). */
  rebalanced: boolean;
  /** Flow model: the chunk in flight, cancelled when the attempt is aborted. */
  chunk: { handle: TransferHandle; bytes: number } | null;
  /** Pipeline restores: the running (or, once done, the final) attempt. */
  live: LiveAttempt | null;
  /** The VSA that orchestrated the last attempt (a pipeline task leaves its slot at power-on). */
  orchestrator: Vsa | null;
}

/** A pipeline attempt with the transport that carries (and counts) its bytes. */
export interface LiveAttempt {
  attempt: PipelineAttempt;
  transport: CancellableTransport;
  /** The media agent and the VM's host are at different sites. */
  crossSite: boolean;
  ma: MediaAgentState;
}

/**
 * The links of a fleet: created on first use, so max-min sharing only iterates links that carry
 * flows. Datastores, per-host NBD paths, WAN links per ordered site pair.
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * const fabric = new Fabric(new Network(sim), spec);
 * fabric.wan("a", "b").name // => "wan.a->b"
 */
export class Fabric {
  private readonly links = new Map<string, Link>();
  constructor(readonly network: Network, readonly spec: FleetSpec) {}

  /** The link named `name`, created with `bandwidth` (bytes/s) and `latency` (ns) on first use. */
  link(name: string, bandwidth: number, latency: number): Link {
    let link = this.links.get(name);
    if (!link) {
      link = this.network.link(name, { bandwidth, latency });
      this.links.set(name, link);
    }
    return link;
  }

  /** The wide-area link from site `from` to site `to`. */
  wan(from: string, to: string): Link {
    return this.link(`wan.${from}->${to}`, this.spec.network.wan, this.spec.network.wanLatency);
  }

  /**
   * The WAN links created so far (one per ordered site pair that carried a flow), in creation order.
   *
   * @example
   * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
   * const fabric = new Fabric(new Network(sim), spec);
   * fabric.datastore("d0");
   * fabric.wan("a", "b");
   * fabric.wanLinks().map((l) => l.name) // => ["wan.a->b"]
   */
  wanLinks(): Link[] {
    return [...this.links.values()].filter((l) => l.name.startsWith("wan."));
  }

  /** A datastore's throughput. */
  datastore(name: string): Link {
    return this.link(`ds.${name}`, this.spec.datastores.rate, this.spec.network.lanLatency);
  }

  /** A hypervisor host's NIC: an instant-restored VM reads its live-mounted disk through it. */
  hostNic(host: string): Link {
    return this.link(`nic.${host}`, this.spec.hosts.nic, this.spec.network.lanLatency);
  }

  /** A hypervisor host's NIC, outbound (a live-mounted VM's writes to the media agent). */
  hostNicOut(host: string): Link {
    return this.link(`nic.${host}.out`, this.spec.hosts.nic, this.spec.network.lanLatency);
  }

  /**
   * The paths of a live mount: the media agent exports the backup to the VM's host (an NFS
   * datastore in Commvault's and Veeam's live mount), so guest reads go media agent NIC → (WAN)
   * → host NIC and writes the other way; the VSA only orchestrates and is not on the data path.
   */
  livePaths(ma: MediaAgentState, host: EstateHost): { toHost: Link[]; toMediaAgent: Link[]; crossSite: boolean } {
    const crossSite = ma.site !== host.site;
    const toHost = [ma.nic, ...(crossSite ? [this.wan(ma.site, host.site)] : []), this.hostNic(host.name)];
    const toMediaAgent = [this.hostNicOut(host.name), ...(crossSite ? [this.wan(host.site, ma.site)] : []), this.maNicIn(ma)];
    return { toHost, toMediaAgent, crossSite };
  }

  /** A calibrated coarse live mount's path: the media agent's restore read rate, then its NIC to the VM's host. */
  liveReadPath(ma: MediaAgentState, host: EstateHost): { path: Link[]; crossSite: boolean } {
    const { toHost, crossSite } = this.livePaths(ma, host);
    return { path: [ma.read, ...toHost], crossSite };
  }

  /** A media agent's NIC, inbound, for live-mount writes (backup ingest shares `ma.nic`, as before). */
  maNicIn(ma: MediaAgentState): Link {
    return this.link(`ma.${ma.id}.nic.in`, this.spec.mediaAgents.nic, this.spec.network.lanLatency);
  }

  /** The network transport through a hypervisor host (NBD), used when a VSA cannot hot-add. */
  nbd(host: string): Link {
    return this.link(`nbd.${host}`, this.spec.hosts.nbdRate, this.spec.network.lanLatency);
  }

  /**
   * The path of one task through `vsa` and `ma`, and whether it crosses sites. Backup: datastore
   * → (NBD if the VSA's host cannot reach the datastore) → (WAN) → VSA → (WAN) → media agent.
   * Restores run the other way; an instant restore ends at the VM's host, a full one at its
   * datastore.
   */
  path(task: FleetTask, vsa: Vsa, ma: MediaAgentState): { path: Link[]; crossSite: boolean } {
    return this.taskPath(task, vsa, ma, true);
  }

  /**
   * The path of a pipeline full restore's copy: a full restore's path without the media agent's
   * coarse `read` rate, since the pipeline models the media agent's storage and cache itself.
   */
  copyPath(task: FleetTask, vsa: Vsa, ma: MediaAgentState): { path: Link[]; crossSite: boolean } {
    return this.taskPath(task, vsa, ma, false);
  }

  private taskPath(task: FleetTask, vsa: Vsa, ma: MediaAgentState, coarseRead: boolean): { path: Link[]; crossSite: boolean } {
    const path: Link[] = [];
    const hop = (from: string, to: string) => from !== to && path.push(this.wan(from, to));
    const local = vsa.reachable.has(task.datastore);
    if (task.kind === "backup") {
      path.push(this.datastore(task.datastore));
      if (!local) path.push(this.nbd(task.host));
      hop(task.site, vsa.site);
      path.push(vsa.link);
      hop(vsa.site, ma.site);
      path.push(ma.nic, ma.ingest);
    } else {
      if (coarseRead) path.push(ma.read);
      path.push(ma.nic);
      hop(ma.site, vsa.site);
      path.push(vsa.link);
      hop(vsa.site, task.site);
      if (task.kind === "restore-instant") {
        if (vsa.host.name !== task.host) path.push(this.hostNic(task.host));
      } else {
        if (!local) path.push(this.nbd(task.host));
        path.push(this.datastore(task.datastore));
      }
    }
    return { path, crossSite: task.site !== vsa.site || vsa.site !== ma.site };
  }
}

/**
 * A VSA (backup proxy VM) as the coordinator runs it: its slots, queue, running tasks and link.
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * import { generateEstate } from "./estate.ts";
 * const host = generateEstate(spec, new RngStreams("1/0")).hosts[0];
 * const vsa = new Vsa(0, host, 8, 1e9, new Fabric(new Network(sim), spec), 0, false); // 8 slots: 8 cores, 16 GiB
 * [vsa.id, vsa.slots, vsa.site] // => ["vsa0", 8, "a"]
 */
export class Vsa {
  readonly id: string;
  readonly site: string;
  readonly reachable: ReadonlySet<string>;
  readonly link: Link;
  readonly queue: FleetTask[] = [];
  readonly running = new Set<FleetTask>();
  /** Busy task slots over time (utilisation). */
  readonly streams: TimeIntegral;
  alive = true;
  groups: string[] = [];
  queuedBytes = 0;
  bytesProcessed = 0;
  /** Observed throughput at full load, bytes/s (the nominal rate until measured). */
  observedRate: number;

  constructor(
    readonly index: number,
    readonly host: EstateHost,
    readonly slots: number,
    readonly rate: number,
    fabric: Fabric,
    readonly readyAt: number,
    readonly created: boolean,
  ) {
    this.id = `vsa${index}`;
    this.site = host.site;
    this.reachable = new Set(host.datastores);
    this.link = fabric.link(`vsa.${this.id}`, rate, 0);
    this.streams = new TimeIntegral(0);
    this.observedRate = rate;
  }

  /** Bytes still to move: queued tasks plus what running tasks have left. */
  outstanding(): number {
    let bytes = this.queuedBytes;
    for (const task of this.running) bytes += task.bytes - task.bytesDone;
    return bytes;
  }

  /** The policy's view of this VSA. */
  view(): VsaView {
    const h = this.host;
    return {
      id: this.id, host: h.name, site: h.site, datacenter: h.datacenter, subnet: h.subnet, slots: this.slots,
      openStreams: this.running.size, queuedTasks: this.queue.length, bytesQueued: this.outstanding(), rate: this.rate,
      readyAt: this.readyAt, reachableDatastores: this.reachable, groups: this.groups,
    };
  }

  /** Queues `task` at the tail (or head, for a task resuming after a media-agent failure). */
  enqueue(task: FleetTask, atHead = false): void {
    if (atHead) this.queue.unshift(task);
    else this.queue.push(task);
    task.vsa = this;
    this.queuedBytes += task.bytes - task.bytesDone;
  }

  /** Removes and returns the queued task at `position`. */
  dequeue(position: number): FleetTask {
    const [task] = this.queue.splice(position, 1);
    this.queuedBytes -= task.bytes - task.bytesDone;
    return task;
  }
}

/**
 * A media agent: NIC, ingest (backup write) and read (restore) throughput, the tasks it serves.
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * const fabric = new Fabric(new Network(sim), spec);
 * new MediaAgentState(0, "a", fabric, spec.mediaAgents, 0).id // => "ma0"
 */
export class MediaAgentState {
  readonly id: string;
  readonly nic: Link;
  readonly ingest: Link;
  readonly read: Link;
  readonly active = new Set<FleetTask>();
  alive = true;
  bytesServed = 0;

  constructor(readonly index: number, readonly site: string, fabric: Fabric, options: FleetSpec["mediaAgents"], latency: number) {
    this.id = `ma${index}`;
    this.nic = fabric.link(`ma.${this.id}.nic`, options.nic, latency);
    this.ingest = fabric.link(`ma.${this.id}.ingest`, options.ingest, 0);
    this.read = fabric.link(`ma.${this.id}.read`, options.read, 0);
  }
}
