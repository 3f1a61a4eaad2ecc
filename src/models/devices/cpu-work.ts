import { Request, type Resource } from "../../kernel/resource.ts";

/**
 * One `cpuWork` call: a request for a core that, once granted, holds it `ns` and then releases
 * it and calls `done`. It reacts to its grant in `process()` rather than through a listener, so
 * a piece of CPU work allocates this one object and no closures.
 */
class CpuJob extends Request {
  constructor(
    resource: Resource,
    priority: number,
    order: number,
    private readonly ns: number,
    private readonly done: () => void,
  ) {
    super(resource, priority, order, resource.sim.activeProcess);
  }

  override process(): void {
    super.process();
    this.sim.post(Math.max(0, Math.round(this.ns)), "cpu.job-done", cpuJobDone, this);
  }

  /** Releases the core and reports. @internal */
  finish(): void {
    this.resource.release(this);
    this.done();
  }
}

// Bound once at module level: a piece of CPU work allocates no closure.
const cpuJobDone = (job: CpuJob): void => job.finish();

/**
 * Runs `ns` of CPU work on one core of `cpu` (a kernel Resource whose servers are cores): waits
 * for a core, holds it `ns` nanoseconds, releases it, then calls `done`. `priority` orders the
 * wait when the resource has a priority queue (lower first).
 *
 * @example
 * const cpu = new Resource(sim, { capacity: 1 });
 * const done: number[] = [];
 * const chunkBytes = 4 * 2 ** 20;
 * cpuWork(cpu, Math.round(chunkBytes / 1e9 * 1e9), () => done.push(sim.now)); // 1 GB/s per core
 * cpuWork(cpu, Math.round(chunkBytes / 1e9 * 1e9), () => done.push(sim.now)); // waits for the core
 * sim.run();
 * done // => [4194304, 8388608]
 */
export function cpuWork(cpu: Resource, ns: number, done: () => void, priority = 0): void {
  cpu.admit(new CpuJob(cpu, priority, cpu.nextOrder(), ns, done));
}
