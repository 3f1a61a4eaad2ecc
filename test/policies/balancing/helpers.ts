/** Hand-built views for the balancing policy tests. */
import type { TaskView, VsaView } from "../../../src/policies/balancing/types.ts";

export const context = { now: 0, rng: { double: () => 0.5 } };

export function task(over: Partial<TaskView> = {}): TaskView {
  return { id: 0, vm: "vm0", host: "h1", site: "a", datacenter: "a.dc0", subnet: "a.dc0.net0", group: "win/a.dc0", datastore: "ds1", bytes: 1e9, predictedBytes: 1e9, ...over };
}

export function vsa(id: string, over: Partial<VsaView> = {}): VsaView {
  return {
    id, host: "h9", site: "a", datacenter: "a.dc0", subnet: "a.dc0.net0", slots: 4, openStreams: 0, queuedTasks: 0, bytesQueued: 0, rate: 1e8,
    readyAt: 0, reachableDatastores: new Set<string>(), groups: [], ...over,
  };
}
