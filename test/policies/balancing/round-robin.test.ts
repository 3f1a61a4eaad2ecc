import { describe, expect, it } from "vitest";
import { RoundRobinBalancer } from "../../../src/policies/balancing/round-robin.ts";
import { task, vsa } from "./helpers.ts";

describe("RoundRobinBalancer", () => {
  it("roundRobin.choose() cycles a, b, a, b whatever the load", () => {
    const rr = new RoundRobinBalancer();
    const views = [vsa("a", { bytesQueued: 9e9 }), vsa("b")];
    expect([1, 2, 3, 4].map(() => rr.choose(task(), views))).toEqual(["a", "b", "a", "b"]);
  });

  it("roundRobin.choose() keeps one counter: the n-th call takes candidate n mod count of the list it gets", () => {
    const rr = new RoundRobinBalancer();
    const three = [vsa("a"), vsa("b"), vsa("c")];
    // Calls 0, 1 on three candidates, call 2 on two (2 mod 2 = 0), call 3 on three (3 mod 3 = 0).
    expect([rr.choose(task(), three), rr.choose(task(), three), rr.choose(task(), three.slice(1)), rr.choose(task(), three)]).toEqual(["a", "b", "b", "a"]);
    expect(rr.choose(task(), [])).toBeUndefined();
  });
});
