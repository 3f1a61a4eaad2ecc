import { describe, expect, it } from "vitest";
import { balancingPolicies, createBalancingPolicy } from "../../../src/policies/balancing/index.ts";
import { BinPackingBalancer, predictedFinish } from "../../../src/policies/balancing/bin-packing.ts";
import { GroupingBalancer } from "../../../src/policies/balancing/grouping.ts";
import { LeastLoadedBalancer } from "../../../src/policies/balancing/least-loaded.ts";
import { hasFreeStream, loadOf } from "../../../src/policies/balancing/load.ts";
import { LocalityFirstBalancer, localityTier } from "../../../src/policies/balancing/locality-first.ts";
import { PowerOfTwoBalancer } from "../../../src/policies/balancing/power-of-two.ts";
import { RoundRobinBalancer } from "../../../src/policies/balancing/round-robin.ts";
import { context, task, vsa } from "./helpers.ts";

describe("balancing policies", () => {
  it("balancingPolicies.names() lists the six policies; an unknown name lists them", () => {
    expect(balancingPolicies.names()).toEqual(["round-robin", "least-loaded", "locality-first", "power-of-two", "bin-packing", "grouping"]);
    expect(() => createBalancingPolicy("fastest")).toThrow(/expected one of round-robin, least-loaded/);
  });

  it("loadOf(vsa, by) and hasFreeStream(vsa) read streams per slot or seconds of bytes", () => {
    const v = vsa("v", { openStreams: 2, queuedTasks: 2, slots: 4, bytesQueued: 8e9, rate: 4e8 });
    expect([loadOf(v, "streams"), loadOf(v, "bytes"), hasFreeStream(v)]).toEqual([1, 20, false]);
  });

  it("roundRobin.choose() cycles a, b, a, b", () => {
    const rr = new RoundRobinBalancer();
    const views = [vsa("a"), vsa("b")];
    expect([1, 2, 3, 4].map(() => rr.choose(task(), views))).toEqual(["a", "b", "a", "b"]);
  });

  it("leastLoaded.choose() picks fewest streams or fewest bytes, first on ties", () => {
    const views = [vsa("x", { openStreams: 1, bytesQueued: 1e8 }), vsa("y", { openStreams: 0, bytesQueued: 9e9 }), vsa("z", { openStreams: 0, bytesQueued: 9e9 })];
    expect(new LeastLoadedBalancer("streams").choose(task(), views)).toBe("y");
    expect(new LeastLoadedBalancer("bytes").choose(task(), views)).toBe("x");
  });

  it("localityFirst.choose() goes same host → reaches datastore → same site → any, spilling past full tiers", () => {
    const sameHost = vsa("host", { host: "h1", openStreams: 3, bytesQueued: 9e9 });
    const reaches = vsa("ds", { reachableDatastores: new Set(["ds1"]) });
    const sameSite = vsa("site");
    const remote = vsa("remote", { site: "b" });
    const t = task();
    expect([sameHost, reaches, sameSite, remote].map((v) => localityTier(t, v))).toEqual([0, 1, 2, 3]);
    const policy = new LocalityFirstBalancer();
    expect(policy.choose(t, [remote, sameSite, reaches, sameHost])).toBe("host");
    const full = { openStreams: 4 };
    expect(policy.choose(t, [remote, sameSite, reaches, { ...sameHost, ...full }])).toBe("ds");
    expect(policy.choose(t, [remote, { ...sameSite, ...full }])).toBe("remote");
    // Nobody has a free stream: queue in the best tier present.
    expect(policy.choose(t, [{ ...remote, ...full }, { ...sameSite, ...full }])).toBe("site");
  });

  it("powerOfTwo.choose() draws two distinct candidates and keeps the less loaded", () => {
    const draws = [0.1, 0.9]; // i = floor(0.1·3) = 0, j = floor(0.9·2) = 1 → 2 (skips i)
    const rng = { double: () => draws.shift() ?? 0 };
    const views = [vsa("a", { bytesQueued: 5e9 }), vsa("b", { bytesQueued: 0 }), vsa("c", { bytesQueued: 1e9 })];
    expect(new PowerOfTwoBalancer("bytes").choose(task(), views, { now: 0, rng })).toBe("c");
    expect(new PowerOfTwoBalancer("bytes").choose(task(), [views[0]], context)).toBe("a");
  });

  it("binPacking.choose() picks the earliest predicted finish, counting readyAt", () => {
    expect(predictedFinish({ predictedBytes: 4e8 }, { readyAt: 0, bytesQueued: 4e8, rate: 4e8 }, 0)).toBe(2e9);
    const slowButEmpty = vsa("slow", { rate: 1e8 });
    const fastButBusy = vsa("fast", { rate: 1e9, bytesQueued: 5e9 });
    const notReady = vsa("new", { rate: 1e9, readyAt: 60e9 });
    expect(new BinPackingBalancer().choose(task({ predictedBytes: 1e9 }), [slowButEmpty, fastButBusy, notReady], context)).toBe("fast");
    expect(new BinPackingBalancer().largestFirst).toBe(true);
  });

  it("grouping.choose() prefers the task's group, then its site, then any", () => {
    const inGroup = vsa("g", { groups: ["win/a.dc0"], openStreams: 3, bytesQueued: 3e9 });
    const sameSite = vsa("s");
    const remote = vsa("r", { site: "b" });
    const policy = new GroupingBalancer();
    expect(policy.choose(task(), [remote, sameSite, inGroup])).toBe("g");
    expect(policy.choose(task(), [remote, sameSite])).toBe("s");
    expect(policy.choose(task(), [remote])).toBe("r");
  });
});
