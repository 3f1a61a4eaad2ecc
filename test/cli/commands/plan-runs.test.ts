import { describe, expect, it } from "vitest";
import { PlanRuns, type TaskRunner } from "../../../src/cli/commands/plan-runs.ts";

/** A few turns of the event loop: finished tasks report back, then PlanRuns dispatches. */
async function turn(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A pool whose tasks finish when the test says so; `started` lists them in start order. */
function manualPool() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const pool: TaskRunner = {
    run: (task: unknown) =>
      new Promise((resolve) => {
        const name = task as string;
        started.push(name);
        finishers.set(name, () => resolve(name));
      }),
  };
  /** Finishes the named tasks and lets PlanRuns react. */
  const finish = async (...names: string[]) => {
    for (const name of names) finishers.get(name)?.();
    await turn();
  };
  return { pool, started, finish };
}

describe("PlanRuns", () => {
  // Three replications per configuration, named like "v4.0".
  const threeReplications = (a: Readonly<Record<string, number>>, runner: TaskRunner) =>
    Promise.all([0, 1, 2].map((r) => runner.run(`v${a.vsas}.${r}`) as Promise<string>));

  it("runs.need() goes first; runs.expect() fills idle threads in rank order; a needed one jumps the queue", async () => {
    const { pool, started, finish } = manualPool();
    const runs = new PlanRuns(pool, 2, threeReplications);
    const first = runs.need({ vsas: 8 });
    runs.expect([{ vsas: 4 }, { vsas: 2 }]);
    await turn();
    expect(started).toEqual(["v8.0", "v8.1"]);
    await finish("v8.0");
    await finish("v8.1");
    // v8.2 holds one thread, the idle one starts the expected v4.
    expect(started).toEqual(["v8.0", "v8.1", "v8.2", "v4.0"]);
    // As planCapacity does, the search takes v8's result and says what it needs in the same
    // turn: v6, not v4, so v6 goes ahead of v4's queued replications.
    const second = first.then(() => {
      const needed = runs.need({ vsas: 6 });
      runs.expect([{ vsas: 7 }]);
      return needed;
    });
    await finish("v8.2");
    expect(await first).toEqual(["v8.0", "v8.1", "v8.2"]);
    expect(started.slice(4)).toEqual(["v6.0"]);
    await finish("v4.0", "v6.0");
    expect(started.slice(5)).toEqual(["v6.1", "v6.2"]);
    await finish("v6.1", "v6.2");
    expect(await second).toEqual(["v6.0", "v6.1", "v6.2"]);
    // v4 is no longer expected: its other replications wait; v7 runs in the idle threads.
    expect(started.slice(7)).toEqual(["v7.0", "v7.1"]);
    // Needed again later, v4 reuses its finished replication.
    const third = runs.need({ vsas: 4 });
    await finish("v7.0", "v7.1");
    expect(started.slice(9)).toEqual(["v4.1", "v4.2"]);
    await finish("v4.1", "v4.2");
    expect(await third).toEqual(["v4.0", "v4.1", "v4.2"]);
  });

  it("runs.need() of a configuration that fails rejects; one expected and never needed fails unobserved", async () => {
    const failing = (a: Readonly<Record<string, number>>) => Promise.reject(new Error(`vsas=${a.vsas} failed`));
    const runs = new PlanRuns({ run: () => Promise.resolve() }, 2, failing);
    runs.expect([{ vsas: 3 }]);
    await expect(runs.need({ vsas: 2 })).rejects.toThrow("vsas=2 failed");
    await turn();
  });
});
