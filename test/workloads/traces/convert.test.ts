import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertTrace, openTraceWriter } from "../../../src/workloads/traces/convert.ts";
import { readMsr } from "../../../src/workloads/traces/msr.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const REQUESTS: TraceRequest[] = [
  { timeUs: 5, op: "R", offset: 0, length: 4096, latencyUs: 12 },
  { timeUs: 7.5, op: "W", offset: 8192, length: 512 },
  { timeUs: 9, op: "F", offset: 0, length: 0, latencyUs: 3 },
];

describe("convertTrace", () => {
  it("convertTrace(requests, writer) writes the rtolab CSV with rebased times", () => {
    const out: string[] = [];
    expect(convertTrace(REQUESTS, { write: (t) => out.push(t) })).toEqual({ written: 3, skipped: 0 });
    expect(out.join("")).toBe("t_us,op,offset,length,latency_us\n0,R,0,4096,12\n2.5,W,8192,512,\n4,F,0,0,3\n");
  });

  it("convertTrace(requests, writer, { format: 'msr' }) writes filetime ticks and skips flushes", () => {
    const out: string[] = [];
    expect(convertTrace(REQUESTS, { write: (t) => out.push(t) }, { format: "msr", startTicks: 1000n })).toEqual({ written: 2, skipped: 1 });
    expect(out.join("")).toBe("1000,rtolab,0,Read,0,4096,120\n1025,rtolab,0,Write,8192,512,0\n");
  });

  it("convertTrace(boot1) round-trips through both formats via files", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-convert-"));
    const original = [...readRtolabCsv(tracePath("boot1.csv"))];
    const csv = openTraceWriter(join(dir, "boot1.csv"));
    expect(convertTrace(original, csv)).toEqual({ written: 1767, skipped: 0 });
    csv.close();
    expect(readFileSync(join(dir, "boot1.csv"), "utf8")).toBe(readFileSync(tracePath("boot1.csv"), "utf8"));
    const msr = openTraceWriter(join(dir, "boot1.msr.csv"));
    expect(convertTrace(original, msr, { format: "msr" })).toEqual({ written: 1728, skipped: 39 });
    msr.close();
    expect([...readMsr(join(dir, "boot1.msr.csv"))]).toEqual(original.filter((r) => r.op !== "F"));
  });
});
