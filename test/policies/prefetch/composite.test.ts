import { describe, expect, it } from "vitest";
import type { Prefetcher } from "../../../src/policies/prefetch/types.ts";
import { combinePrefetchers, CompositePrefetcher } from "../../../src/policies/prefetch/composite.ts";

function recorder(name: string, log: string[]): Prefetcher {
  return {
    onStart: (time, sink) => {
      log.push(`${name}.start@${time}`);
      sink(name === "a" ? 1 : 9, 1, "prestage");
    },
    onDemandRead: (ctx) => log.push(`${name}.demand ${ctx.firstBlock}+${ctx.blockCount}@${ctx.time}`),
    onArrival: (first, count, time) => log.push(`${name}.arrival ${first}+${count}@${time}`),
    onEvict: (block, time) => log.push(`${name}.evict ${block}@${time}`),
    onRelocationProgress: (cursor, time) => log.push(`${name}.progress ${cursor}@${time}`),
  };
}

describe("CompositePrefetcher", () => {
  it("composite hooks go to every part in order, with one shared sink", () => {
    const log: string[] = [];
    const sunk: number[] = [];
    const both = new CompositePrefetcher([recorder("a", log), recorder("b", log)]);
    const sink = (first: number) => void sunk.push(first);
    both.onStart(0, sink);
    both.onDemandRead({ firstBlock: 3, blockCount: 2, time: 7 }, sink);
    both.onArrival(4, 1, 8);
    both.onEvict(5, 9);
    both.onRelocationProgress(6, 10, sink);
    expect(log).toEqual([
      "a.start@0", "b.start@0",
      "a.demand 3+2@7", "b.demand 3+2@7",
      "a.arrival 4+1@8", "b.arrival 4+1@8",
      "a.evict 5@9", "b.evict 5@9",
      "a.progress 6@10", "b.progress 6@10",
    ]);
    expect(sunk).toEqual([1, 9]);
  });

  it("composite skips optional hooks a part does not have", () => {
    const log: string[] = [];
    const bare: Prefetcher = { onDemandRead: () => log.push("bare.demand") };
    const both = new CompositePrefetcher([bare, recorder("b", log)]);
    both.onStart(0, () => {});
    both.onArrival(0, 1, 0);
    both.onEvict(0, 0);
    both.onRelocationProgress(0, 0, () => {});
    both.onDemandRead({ firstBlock: 0, blockCount: 1, time: 0 }, () => {});
    expect(log).toEqual(["b.start@0", "b.arrival 0+1@0", "b.evict 0@0", "b.progress 0@0", "bare.demand", "b.demand 0+1@0"]);
  });
});

describe("combinePrefetchers", () => {
  it("combinePrefetchers(parts) is null for none, the part itself for one, a composite of all in order for more", () => {
    const log: string[] = [];
    const [a, b] = [recorder("a", log), recorder("b", log)];
    expect(combinePrefetchers([])).toBeNull();
    expect(combinePrefetchers([a])).toBe(a);
    const both = combinePrefetchers([a, b]);
    expect(both).toBeInstanceOf(CompositePrefetcher);
    both?.onEvict?.(3, 5);
    expect(log).toEqual(["a.evict 3@5", "b.evict 3@5"]);
  });
});
