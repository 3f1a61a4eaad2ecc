import type { Resource } from "../../kernel/resource.ts";

/**
 * Runs `ns` of CPU work on one core of `cpu` (a kernel Resource whose servers are cores): waits
 * for a core, holds it `ns` nanoseconds, releases it, then calls `done`. `priority` orders the
 * wait when the resource has a priority queue (lower first).
 *
 * @example
 * cpuWork(ma.cpu, Math.round(chunkBytes / 1e9 * 1e9), () => insertIntoCache(chunk)); // 1 GB/s per core
 */
export function cpuWork(cpu: Resource, ns: number, done: () => void, priority = 0): void {
  const request = cpu.request(priority);
  request.addListener(() => {
    cpu.sim.schedule(Math.max(0, Math.round(ns)), () => {
      cpu.release(request);
      done();
    });
  });
}
