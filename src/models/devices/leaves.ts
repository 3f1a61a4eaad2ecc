/**
 * The physical devices under a composed one: a dedup store's underlying device, a striped array's
 * members, recursively. Their busy share is a device's utilisation in the sense of saturation (a
 * disk arm busy 90% of the time is near its limit), which the composed device's own busy share is
 * not: a dedup store with 64 requests in service at once is "busy" whenever one is.
 */
import { DedupStore } from "./dedup-store.ts";
import { StripedArray } from "./striped-array.ts";
import type { BlockDevice } from "./types.ts";

/**
 * The leaves of `device`'s composition tree, left to right (`device` itself when it composes none).
 *
 * @example
 * import { FixedLatencyDevice } from "./fixed-latency.ts";
 * import { StripedArray } from "./striped-array.ts";
 * const disks = [0, 1, 2].map((i) => new FixedLatencyDevice(sim, `disk${i}`, { latency: 1e6, parallelism: 1 }));
 * leafDevices(new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 })).map((d) => d.name) // => ["disk0", "disk1", "disk2"]
 */
export function leafDevices(device: BlockDevice): BlockDevice[] {
  if (device instanceof DedupStore) return leafDevices(device.underlying);
  if (device instanceof StripedArray) return device.members.flatMap(leafDevices);
  return [device];
}

/**
 * The mean busy share of `device`'s leaves over `elapsed` ns (each leaf: time with a request in
 * service over `elapsed`); 0 when `elapsed` is not positive.
 *
 * @example
 * import { FixedLatencyDevice } from "./fixed-latency.ts";
 * import { StripedArray } from "./striped-array.ts";
 * const disks = [0, 1].map((i) => new FixedLatencyDevice(sim, `disk${i}`, { latency: 1e6, parallelism: 1 }));
 * const array = new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 });
 * array.submit({ offset: 0, length: 1 << 20, op: "R" }, () => {}); // 1 ms on disk0 only
 * sim.run();
 * leafBusyShare(array, 4e6) // => 0.125 // disk0 busy 1 of 4 ms, disk1 idle
 */
export function leafBusyShare(device: BlockDevice, elapsed: number): number {
  if (!(elapsed > 0)) return 0;
  const leaves = leafDevices(device);
  return leaves.reduce((sum, leaf) => sum + Math.min(1, leaf.counters().busyNs / elapsed), 0) / leaves.length;
}

/**
 * The share of the response time of `device`'s leaves spent queued (waiting for a server), over
 * every request they completed: Σ (latency − service) / Σ latency; 0 when they completed none.
 * A composed device's own queue share says little (a dedup store with 64 requests in service
 * queues none of them while its disks queue every one); its disks' says how much of a chunk
 * read is waiting for a disk arm rather than moving it.
 *
 * @example
 * import { FixedLatencyDevice } from "./fixed-latency.ts";
 * import { StripedArray } from "./striped-array.ts";
 * const disks = [0, 1].map((i) => new FixedLatencyDevice(sim, `disk${i}`, { latency: 1e6, parallelism: 1 }));
 * const array = new StripedArray(sim, "array", disks, { stripeUnit: 1 << 20 });
 * array.submit({ offset: 0, length: 1 << 20, op: "R" }, () => {}); // disk0: served 0–1 ms
 * array.submit({ offset: 0, length: 1 << 20, op: "R" }, () => {}); // disk0: waits 1 ms, served 1–2 ms
 * sim.run();
 * leafQueueShare(array) // => 0.3333333333333333 // 1 ms queued of 3 ms of response time
 */
export function leafQueueShare(device: BlockDevice): number {
  let latency = 0;
  let service = 0;
  for (const leaf of leafDevices(device)) {
    const counters = leaf.counters();
    latency += counters.latencyNs;
    service += counters.serviceNs;
  }
  return latency > 0 ? Math.max(0, latency - service) / latency : 0;
}
