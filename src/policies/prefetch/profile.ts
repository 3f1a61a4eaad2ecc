import type { PolicyDefinition } from "../registry.ts";
import type { Profile } from "../../workloads/profile/types.ts";
import { OrderedPrestager } from "./ordered.ts";
import { numberParameter, requiredInput } from "./support.ts";
import type { PrefetchPolicyEntry, PrefetchPolicyOptions } from "./types.ts";

/**
 * Definition of `profile`: operational-profile pre-staging.
 *
 * @example
 * definition.parameters.lead.default // => 1024
 */
export const definition: PolicyDefinition = {
  name: "profile",
  description:
    "Operational-profile pre-staging: from mount, replays the blocks earlier boots read, in mean first-access order, at most `lead` blocks ahead of the guest.",
  parameters: {
    lead: {
      type: "integer",
      description: "Blocks of the profile order the pre-stager may run ahead of the guest's position in it.",
      default: 1024,
      minimum: 0,
    },
    minRuns: {
      type: "integer",
      description: "Pre-stage only blocks read by at least this many of the profile's runs (1 = all).",
      default: 1,
      minimum: 1,
    },
  },
  inputs: { profile: { description: "the VM's operational profile (model.vms.profile)", required: true } },
};

/**
 * Replays `profile` (options `profile`, `lead`, `minRuns`) from mount; see {@link OrderedPrestager}
 * for how the lead is kept. Throws an InputError when `profile` is missing or parameters are bad.
 *
 * @example
 * const p = new ProfilePrefetch({ profile: { version: 1, blockSize: 4096, runs: 2, blocks: [5, 6, 9], runCounts: [2, 1, 2] }, minRuns: 2 });
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * p.onStart(0, sink);
 * calls // => [[5, 1, "prestage"], [9, 1, "prestage"]]
 */
export class ProfilePrefetch extends OrderedPrestager {
  constructor(options: PrefetchPolicyOptions) {
    const profile: Profile = requiredInput(options.profile, "profile", "profile", "an operational profile to replay");
    const minRuns = numberParameter(options, definition, "minRuns");
    super(profileOrder(profile, minRuns), numberParameter(options, definition, "lead"));
  }
}

/** Filtered orders by profile and `minRuns`: VMs replaying one profile share the array (and so its position index). */
const orders = new WeakMap<Profile, Map<number, number[]>>();

function profileOrder(profile: Profile, minRuns: number): number[] {
  let byMinRuns = orders.get(profile);
  if (byMinRuns === undefined) orders.set(profile, (byMinRuns = new Map()));
  let order = byMinRuns.get(minRuns);
  if (order === undefined) {
    order = profile.blocks.filter((_, i) => profile.runCounts[i] >= minRuns);
    byMinRuns.set(minRuns, order);
  }
  return order;
}

/**
 * Registry entry of `profile`.
 *
 * @example
 * const profile = { version: 1, blockSize: 4096, runs: 1, blocks: [5], runCounts: [1] };
 * profileEntry.create({ profile, lead: 256 }) instanceof ProfilePrefetch // => true
 */
export const profileEntry: PrefetchPolicyEntry = { definition, create: (options) => new ProfilePrefetch(options) };
