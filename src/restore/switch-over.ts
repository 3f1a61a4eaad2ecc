/**
 * Switch-over: when every block is on primary storage, the VM's datastore becomes primary.
 * The invariants are checked first (every block on primary at its newest version; every block
 * accounted for exactly once: copied, zero-filled, or marked by a guest write or a copy-on-read);
 * then reads stop touching the media agent, the mount is released and its cache entries dropped,
 * and the time is recorded as the VM's `switchedOver` milestone (time-to-independence).
 */
import type { VirtualMachine } from "../models/hosts/vm.ts";
import { InvariantError } from "../util/errors.ts";
import type { GuestIo } from "./guest-io.ts";
import type { Mount } from "./media-agent-service.ts";
import type { RelocationCopier } from "./relocation-copier.ts";

/**
 * What switch-over reads and changes of a VM's restore (a `RestoreVm` is one). Declared here
 * rather than imported from data-agent.ts, which calls switch-over, so the two files do not
 * import each other.
 */
export interface SwitchingRestore {
  readonly io: GuestIo | null;
  readonly copier: RelocationCopier | null;
  readonly mount: Mount | null;
  readonly parts: { readonly vm: VirtualMachine };
}

/**
 * Switches `restore`'s VM over to primary at `at` (ns, now). Throws an InvariantError naming the
 * block and time when primary is not complete and current, or when the blocks do not add up.
 *
 * @example
 * import { buildRestoreWorld } from "../lab/kinds/restore/build.ts";
 * const loaded = loadScenario("scenarios/restore/one-vm-dedup.yaml");
 * const spec = loaded.variants[0].scenario.model as RestoreSpec; // full restore: the copier switches the VM over at its last block
 * const context = { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/restore" };
 * const world = buildRestoreWorld(spec, context); world.sim.run();
 * world.restores[0].parts.vm.milestones.switchedOver // => 136986998528
 * switchOver({ io: null, copier: null, mount: null, parts: world.restores[0].parts }, 0) // throws "switch-over before the mount and copier exist"
 */
export function switchOver(restore: SwitchingRestore, at: number): void {
  const io = restore.io;
  const copier = restore.copier;
  const mount = restore.mount;
  if (io === null || copier === null || mount === null) throw new Error("switch-over before the mount and copier exist");
  const versions = io.target.versions;
  versions.checkPrimaryComplete(at);
  const { copiedBlocks, zeroBlocks } = copier.stats;
  const accounted = copiedBlocks + zeroBlocks + io.stats.guestMarks + io.stats.copyOnReadMarks;
  if (accounted !== versions.blockCount) {
    throw new InvariantError(
      `${versions.name}: at switch-over (t=${at} ns) blocks do not add up: ${copiedBlocks} copied + ${zeroBlocks} zero + ${io.stats.guestMarks} guest-marked + ${io.stats.copyOnReadMarks} copy-on-read = ${accounted}, disk has ${versions.blockCount}`,
    );
  }
  io.state.relocating = false;
  io.state.switchedOver = true;
  io.target.service.release(mount);
  restore.parts.vm.mark("switchedOver");
}
