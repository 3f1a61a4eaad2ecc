import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type AccessChunk, accessChunks, oracleGeneralAccessChunks } from "../../../../src/policies/cache/cachesim/access-chunks.ts";
import { readOracleGeneral } from "../../../../src/workloads/traces/oracle-general.ts";
import type { TraceRequest } from "../../../../src/workloads/traces/types.ts";

const TRACE = fileURLToPath(new URL("../../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url));
const req = (offset: number, length: number, op: TraceRequest["op"] = "R"): TraceRequest => ({ timeUs: 0, op, offset, length });

function collect(chunks: Iterable<AccessChunk>): { keys: number[]; bytes: number[]; next: number[]; lengths: number[]; known: boolean[] } {
  const out = { keys: [] as number[], bytes: [] as number[], next: [] as number[], lengths: [] as number[], known: [] as boolean[] };
  for (const c of chunks) {
    out.keys.push(...c.keys.subarray(0, c.length));
    out.bytes.push(...c.bytes.subarray(0, c.length));
    out.next.push(...c.next.subarray(0, c.length));
    out.lengths.push(c.length);
    out.known.push(c.futureKnown);
  }
  return out;
}

describe("accessChunks", () => {
  it("splits block-mode requests into blocks, skips flushes and cuts chunks at the given size", () => {
    const got = collect(accessChunks([req(0, 8192), req(4096, 100), req(0, 0, "F"), req(10000, 10000)], "block", 4096, 4));
    expect(got.keys).toEqual([0, 1, 1, 2, 3, 4]);
    expect(got.bytes).toEqual([4096, 4096, 4096, 4096, 4096, 4096]);
    expect(got.lengths).toEqual([4, 2]);
    expect(got.known).toEqual([false, false]);
  });

  it("uses the trace's 1-based next field in libcachesim mode and says when a chunk lacks it", () => {
    const got = collect(accessChunks([{ ...req(5, 512), nextAccessIndex: 2 }, { ...req(5, 512), nextAccessIndex: -1 }, req(6, 1)], "libcachesim", 4096, 2));
    expect(got.next).toEqual([1, Infinity, Infinity]);
    expect(got.known).toEqual([true, false]);
  });

  it("decodes oracleGeneral straight into the same accesses as the request reader", () => {
    // Walk both streams side by side and count differing accesses (no big arrays: cheap).
    const slow = accessChunks(readOracleGeneral(TRACE), "libcachesim", 4096, 1000);
    let s = slow.next().value as AccessChunk;
    let si = 0;
    let total = 0;
    let differing = 0;
    for (const fast of oracleGeneralAccessChunks(TRACE)) {
      for (let i = 0; i < fast.length; i++, si++, total++) {
        if (si === s.length) {
          s = slow.next().value as AccessChunk;
          si = 0;
        }
        if (fast.keys[i] !== s.keys[si] || fast.bytes[i] !== s.bytes[si] || fast.next[i] !== s.next[si]) differing++;
      }
    }
    expect(slow.next().done).toBe(true);
    expect([total, differing]).toEqual([113872, 0]);
  });
});
