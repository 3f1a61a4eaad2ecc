/**
 * The balancing family: which VSA (proxy) takes a backup or restore task. Policies are pure
 * objects behind one narrow hook, `choose(task, candidates, context)`; the fleet coordinator owns
 * the flow (queues, slots, rebalancing, failures). Randomness comes in through `context.rng`.
 */
import type { Rng } from "../../kernel/rng.ts";
import type { PolicyEntry } from "../registry.ts";

/** What a policy sees of a task. Sizes in bytes. */
export interface TaskView {
  readonly id: number;
  readonly vm: string;
  /** Hypervisor host running the VM. */
  readonly host: string;
  readonly site: string;
  readonly datacenter: string;
  readonly subnet: string;
  /** The coordinator's group of the VM's host: `type/site/datacenter`. */
  readonly group: string;
  /** Datastore holding the disk (backup) or receiving it (full restore). */
  readonly datastore: string;
  readonly bytes: number;
  /** Size the coordinator predicts before running it (changed-block tracking), bytes. */
  readonly predictedBytes: number;
}

/** What a policy sees of a VSA. Rates in bytes/s, times in ns. */
export interface VsaView {
  readonly id: string;
  readonly host: string;
  readonly site: string;
  readonly datacenter: string;
  readonly subnet: string;
  /** Task slots (streams): min(cores, RAM / RAM per task), Veeam's rule. */
  readonly slots: number;
  /** Tasks running now. */
  readonly openStreams: number;
  /** Tasks waiting in its queue. */
  readonly queuedTasks: number;
  /** Bytes still to move: queued tasks plus what running tasks have left. */
  readonly bytesQueued: number;
  /** Nominal throughput, bytes/s. */
  readonly rate: number;
  /** Time it can start work (later than now while it is being created). */
  readonly readyAt: number;
  readonly reachableDatastores: ReadonlySet<string>;
  /** Groups the coordinator assigned it to. */
  readonly groups: readonly string[];
}

/** What a policy may use besides the task and candidates. */
export interface BalancingContext {
  /** Simulated time, ns. */
  readonly now: number;
  /** The policy's random stream (power-of-two choices). */
  readonly rng: Rng;
}

/** A balancing policy: picks a candidate's id, or undefined to leave the task unassigned. */
export interface BalancingPolicy {
  readonly name: string;
  /** Whether the coordinator should offer tasks largest first (bin packing, LPT). */
  readonly largestFirst: boolean;
  choose(task: TaskView, candidates: readonly VsaView[], context: BalancingContext): string | undefined;
}

/** Load measure of the load-aware policies. */
export type LoadMeasure = "streams" | "bytes";

/** Options every balancing policy accepts (each uses what it needs). */
export interface BalancingOptions {
  /** What "load" means: open streams plus queued tasks, or bytes queued. Default "bytes". */
  by?: LoadMeasure;
  /** A policy's own declared parameters (a registered policy may declare more). */
  [parameter: string]: unknown;
}

/** A registry entry of the balancing family. */
export type BalancingPolicyEntry = PolicyEntry<BalancingPolicy, BalancingOptions>;
