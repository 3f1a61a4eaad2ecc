/**
 * The input of the fleet model, all units converted (times in integer ns, sizes in bytes, rates in
 * bytes/s). The scenario schema (`src/lab/kinds/fleet/schema.ts`) validates a file into this.
 */

/** A distribution of sizes (bytes). */
export type SizeDistributionSpec =
  | { distribution: "constant"; value: number }
  | { distribution: "uniform"; min: number; max: number }
  | { distribution: "lognormal"; median: number; sigma: number };

/** `count` hypervisor hosts of one type, each running `vms` VMs. */
export interface HostGroupSpec {
  type: string;
  count: number;
  vms: number;
}

/** A site: datacenters × subnets, datastores per datacenter, host groups. */
export interface SiteSpec {
  name: string;
  datacenters: number;
  /** Subnets per datacenter; hosts are spread over them. */
  subnets: number;
  /** Datastores per datacenter; datastore k is reachable from the hosts of subnet k mod subnets. */
  datastores: number;
  hosts: HostGroupSpec[];
}

/** Creating VSAs on demand. */
export type CreateMode = "always-create" | "reuse-only" | "combined";

/** A component failing at a time of a phase. */
export interface FailureSpec {
  phase: "backup" | "restore";
  /** ns from the start of the phase. */
  at: number;
  target: "vsa" | "mediaAgent";
  /** Index of the VSA or media agent (0-based, in creation order). */
  index: number;
}

/**
 * The coarse model's parameters fitted to the restore pipeline (src/lab/kinds/fleet/calibrate.ts).
 * With it an instant restore is shaped as the pipeline's live mount: the VSA holds a slot for
 * `slotTime` (mount, register, power-on) only; the VM's working set then flows media agent
 * (`maRead`) → media agent NIC → host NIC, not through the VSA, at most at the guest's read rate;
 * then the think time.
 */
export interface CoarseFit {
  /** Mount + register + power-on, ns: how long the VSA's slot is held. */
  slotTime: number;
  /** Each media agent's effective restore read rate under saturation, bytes/s (replaces `mediaAgents.read` for restores). */
  maRead: number;
  /**
   * Per VM type (host group `type`): bytes fetched from the media agent, the guest's read rate
   * alone (bytes/s: working set over its uncontended boot, so the reads spread over the boot),
   * think time (ns) after the last byte.
   */
  byType: Readonly<Record<string, { workingSet: number; readRate: number; think: number }>>;
}

/** The whole fleet model. */
export interface FleetSpec {
  sites: SiteSpec[];
  hosts: { spareCores: number; spareRam: number; nbdRate: number; nic: number };
  vms: {
    disks: { min: number; max: number };
    diskSize: SizeDistributionSpec;
    changeRate: { min: number; max: number };
    bootWorkingSet: SizeDistributionSpec;
  };
  datastores: { rate: number };
  vsas: { count: number; cores: number; ram: number; ramPerTask: number; throughput: number; streamRate: number };
  /** `site`: every media agent at that site (where the backups are kept); absent: spread over the sites by VM count. */
  mediaAgents: { count: number; nic: number; ingest: number; read: number; site?: string };
  network: { wan: number; wanLatency: number; lanLatency: number };
  /** `options`: the policy's declared parameters besides `by` (absent when the scenario gives none). */
  balancing: { policy: string; by: "streams" | "bytes"; options?: Readonly<Record<string, unknown>> };
  rebalance: { enabled: boolean; interval: number; tolerance: number; crossSite: boolean };
  create: { mode: CreateMode; max: number; time: number; deadline: number };
  backup?: { taskOverhead: number };
  restore?: {
    vms: number;
    mode: "instant" | "full";
    /** Coarse model: mount and register; pipeline: the media agent's mount of the backup. ns. */
    mountTime: number;
    /** Coarse model only: think time from the last working-set byte to service ready, ns. */
    serviceReady: number;
    site?: string;
    /**
     * Present: restores (instant and full) run the restore pipeline (src/restore) that
     * `PhaseOptions.pipeline` builds from this block (validated by the lab kind's schema). Absent: the coarse flow model.
     */
    pipeline?: object;
    /** Coarse model, calibrated from the pipeline (`rtolab fleet calibrate`): replaces the coarse defaults when present. */
    coarse?: CoarseFit;
  };
  failures: FailureSpec[];
  /** Transfer unit: progress is checkpointed per chunk, and a failure loses at most one. */
  chunk: number;
  /** Window of the utilisation table, ns. */
  sampleInterval: number;
}

/**
 * Names `rtolab plan --vary` accepts for a fleet scenario, and the field each one sets.
 *
 * @example
 * FLEET_PLAN_FIELDS.vsas // => "model.vsas.count"
 */
export const FLEET_PLAN_FIELDS: Readonly<Record<string, string>> = {
  mediaAgents: "model.mediaAgents.count",
  vsas: "model.vsas.count",
  replications: "replications",
};

/**
 * Task slots of a VSA by Veeam's sizing rule: one task per core and `ramPerTask` of RAM each.
 *
 * @example
 * vsaSlots(8, 16 * 2 ** 30, 2 * 2 ** 30) // => 8
 * vsaSlots(8, 8 * 2 ** 30, 2 * 2 ** 30)  // => 4
 */
export function vsaSlots(cores: number, ram: number, ramPerTask: number): number {
  return Math.max(1, Math.min(cores, Math.floor(ram / ramPerTask)));
}
