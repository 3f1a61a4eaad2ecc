import { describe, expect, it } from "vitest";
import { PowerOfTwoBalancer } from "../../../src/policies/balancing/power-of-two.ts";
import { task, vsa } from "./helpers.ts";

/** A stream that returns the given doubles in turn and counts the draws. */
function scripted(draws: number[]) {
  const rng = { draws: 0, double: () => (rng.draws++, draws.shift() ?? 0) };
  return rng;
}

describe("PowerOfTwoBalancer", () => {
  const views = [vsa("a", { bytesQueued: 5e9 }), vsa("b", { bytesQueued: 0 }), vsa("c", { bytesQueued: 1e9 })];

  it("powerOfTwo.choose() draws i = ⌊u·n⌋, then j = ⌊v·(n−1)⌋ skipping i, and keeps the less loaded", () => {
    // i = ⌊0.1·3⌋ = 0 (a), j = ⌊0.9·2⌋ = 1 → 2 (c, skips i): c has 1e9 < 5e9.
    const rng = scripted([0.1, 0.9]);
    expect(new PowerOfTwoBalancer("bytes").choose(task(), views, { now: 0, rng })).toBe("c");
    expect(rng.draws).toBe(2);
    // i = ⌊0.5·3⌋ = 1 (b), j = ⌊0·2⌋ = 0 (a): b is empty.
    expect(new PowerOfTwoBalancer("bytes").choose(task(), views, { now: 0, rng: scripted([0.5, 0]) })).toBe("b");
  });

  it("powerOfTwo.choose() keeps i on equal load", () => {
    const even = [vsa("p"), vsa("q")];
    // i = ⌊0.7·2⌋ = 1 (q), j = ⌊0·1⌋ = 0 (p); equal load → q.
    expect(new PowerOfTwoBalancer().choose(task(), even, { now: 0, rng: scripted([0.7, 0]) })).toBe("q");
  });

  it("powerOfTwo.choose() with one candidate or none draws nothing", () => {
    const rng = scripted([]);
    expect(new PowerOfTwoBalancer("bytes").choose(task(), [views[0]], { now: 0, rng })).toBe("a");
    expect(new PowerOfTwoBalancer("bytes").choose(task(), [], { now: 0, rng })).toBeUndefined();
    expect(rng.draws).toBe(0);
    expect(new PowerOfTwoBalancer().by).toBe("bytes");
  });
});
