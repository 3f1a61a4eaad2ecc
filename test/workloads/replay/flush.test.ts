import { describe, expect, it } from "vitest";
import { flushedWrite } from "../../../src/workloads/replay/flush.ts";
import { traceTimes } from "../../../src/workloads/replay/plan.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { BlockOp, TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const req = (timeUs: number, latencyUs: number, op: BlockOp): TraceRequest => ({ timeUs, op, offset: 0, length: op === "F" ? 0 : 4096, latencyUs });
const at = (requests: TraceRequest[], j: number): number => {
  const { issue, completion } = traceTimes(requests);
  return flushedWrite(requests, issue, completion, j);
};

describe("flushedWrite", () => {
  it("flushedWrite picks the latest-completing write since the previous flush, not the latest issued", () => {
    const trace = [req(0, 30, "W"), req(5, 10, "W"), req(40, 300, "F")];
    expect(at(trace, 2)).toBe(0);
  });

  it("flushedWrite stops at the flush before: writes it made durable are not waited for again", () => {
    const trace = [req(0, 10, "W"), req(20, 100, "F"), req(200, 10, "R"), req(300, 100, "F")];
    expect([at(trace, 1), at(trace, 3)]).toEqual([0, -1]);
  });

  it("flushedWrite is -1 for a request that is not a flush, and when the latest-completing write was still outstanding", () => {
    const trace = [req(0, 10, "W"), req(5, 1000, "W"), req(50, 300, "F")];
    expect([at(trace, 0), at(trace, 2)]).toEqual([-1, -1]);
  });

  it("flushedWrite on the slowed boots before service ready: 39 of the 41 flushes with writes since the previous one waited for them all (docs/replay.md, E2)", () => {
    const slowed = [["boot3_delay5ms", 30023685], ["k2boot_d20ms", 31771145], ["g2boot_d2ms", 33759963]] as const;
    const counts = slowed.map(([name, readyUs]) => {
      const requests = [...readRtolabCsv(tracePath(`${name}.csv`))];
      const { issue, completion } = traceTimes(requests);
      let withWrites = 0;
      let waited = 0;
      for (let j = 1; j < requests.length && issue[j] <= readyUs; j++) {
        if (requests[j].op !== "F") continue;
        let write = false;
        for (let i = j - 1; i >= 0 && requests[i].op !== "F"; i--) write ||= requests[i].op === "W";
        if (!write) continue;
        withWrites++;
        if (flushedWrite(requests, issue, completion, j) >= 0) waited++;
      }
      return [waited, withWrites];
    });
    expect(counts).toEqual([[12, 13], [16, 17], [11, 11]]);
  });
});
