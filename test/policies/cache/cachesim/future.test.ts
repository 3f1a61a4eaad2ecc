import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import type { AccessChunk } from "../../../../src/policies/cache/cachesim/access-chunks.ts";
import { fillNextAccess } from "../../../../src/policies/cache/cachesim/cachesim.ts";
import { type FutureStats, withFuture } from "../../../../src/policies/cache/cachesim/future.ts";

/** `keys` cut into chunks of `size`, with no known future. */
function chunksOf(keys: number[], size: number): AccessChunk[] {
  const chunks: AccessChunk[] = [];
  for (let at = 0; at < keys.length; at += size) {
    const part = keys.slice(at, at + size);
    chunks.push({ keys: Float64Array.from(part), bytes: Float64Array.from(part, (k) => k * 10), next: new Float64Array(part.length).fill(Infinity), length: part.length, futureKnown: false });
  }
  return chunks;
}

function collect(chunks: Iterable<AccessChunk>): { keys: number[]; bytes: number[]; next: number[] } {
  const out = { keys: [] as number[], bytes: [] as number[], next: [] as number[] };
  for (const c of chunks) {
    out.keys.push(...c.keys.subarray(0, c.length));
    out.bytes.push(...c.bytes.subarray(0, c.length));
    out.next.push(...c.next.subarray(0, c.length));
  }
  return out;
}

const spools = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith("rtolab-future-"));

describe("withFuture", () => {
  it("computes the same next accesses as the in-memory backward pass, across block boundaries", () => {
    // A deterministic key sequence (LCG) with repeats; source chunks of 7, spool blocks of 5 (a short last block).
    const keys: number[] = [];
    for (let i = 0, x = 12345; i < 203; i++) keys.push((x = (x * 1103515245 + 12345) % 2 ** 31) % 37);
    const expected = { keys: Float64Array.from(keys), bytes: new Float64Array(keys.length), next: new Float64Array(keys.length), length: keys.length };
    fillNextAccess(expected);
    const before = spools().length;
    const stats: FutureStats = { accesses: 0, distinctKeys: -1, computed: false };
    const got = collect(withFuture(chunksOf(keys, 7), 5, stats));
    expect(got.keys).toEqual(keys);
    expect(got.bytes).toEqual(keys.map((k) => k * 10));
    expect(got.next).toEqual([...expected.next]);
    expect(stats).toEqual({ accesses: 203, distinctKeys: new Set(keys).size, computed: true });
    expect(spools().length).toBe(before); // the temporary folder is gone
  });

  it("keeps the trace's next field when every chunk carries it", () => {
    const chunk: AccessChunk = { keys: Float64Array.of(4, 4), bytes: Float64Array.of(1, 1), next: Float64Array.of(99, Infinity), length: 2, futureKnown: true };
    const stats: FutureStats = { accesses: 0, distinctKeys: -1, computed: false };
    expect(collect(withFuture([chunk], 4, stats)).next).toEqual([99, Infinity]);
    expect(stats.computed).toBe(false);
  });

  it("removes its temporary folder when the consumer stops early", () => {
    const before = spools().length;
    for (const _ of withFuture(chunksOf([1, 2, 3, 4, 5, 6], 2), 2)) break;
    expect(spools().length).toBe(before);
  });
});
