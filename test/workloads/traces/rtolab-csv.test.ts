import { describe, expect, it } from "vitest";
import { parseRtolabCsvRecord, readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import { BOOT_TRACES, tracePath, writeFixture } from "../fixtures.ts";

describe("readRtolabCsv", () => {
  it("readRtolabCsv(path) rebases time to the first request and decodes every field", () => {
    const path = writeFixture("t.csv", "t_us,op,offset,length,latency_us\n100,R,4096,512,40\n250,W,0,8192,7\n\n300,F,0,0,900\n");
    expect([...readRtolabCsv(path)]).toEqual([
      { timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 40 },
      { timeUs: 150, op: "W", offset: 0, length: 8192, latencyUs: 7 },
      { timeUs: 200, op: "F", offset: 0, length: 0, latencyUs: 900 },
    ]);
  });

  it("readRtolabCsv(path) accepts a file without the latency_us column", () => {
    const path = writeFixture("t.csv", "t_us,op,offset,length\n5,R,0,4096\n");
    expect([...readRtolabCsv(path)]).toEqual([{ timeUs: 0, op: "R", offset: 0, length: 4096 }]);
  });

  it("readRtolabCsv(path) names the file and line of a bad record", () => {
    const path = writeFixture("bad.csv", "t_us,op,offset,length,latency_us\n0,R,0,512,1\n10,X,0,512,1\n");
    expect(() => [...readRtolabCsv(path)]).toThrow(`${path}: line 3: expected op R, W or F`);
    const short = writeFixture("short.csv", "t_us,op,offset,length,latency_us\n0,R,0,512\n");
    expect(() => [...readRtolabCsv(short)]).toThrow(`${short}: line 2: expected 5 comma-separated fields`);
    const negative = writeFixture("neg.csv", "t_us,op,offset,length,latency_us\n0,R,-4,512,1\n");
    expect(() => [...readRtolabCsv(negative)]).toThrow("line 2: expected offset, a non-negative integer");
  });

  it("readRtolabCsv(path) requires the header", () => {
    const path = writeFixture("nohead.csv", "0,R,0,512,1\n");
    expect(() => [...readRtolabCsv(path)]).toThrow(`${path}: line 1: expected the header "t_us,op,offset,length,latency_us"`);
  });

  it("readRtolabCsv(path) decodes the shipped boot traces to the request counts of traces/README.md", () => {
    for (const trace of BOOT_TRACES) {
      let count = 0;
      let last = -1;
      for (const request of readRtolabCsv(tracePath(`${trace.name}.csv`))) {
        expect(request.timeUs).toBeGreaterThanOrEqual(last);
        last = request.timeUs;
        count++;
      }
      expect([trace.name, count]).toEqual([trace.name, trace.requests]);
    }
  });
});

describe("parseRtolabCsvRecord", () => {
  it("parseRtolabCsvRecord(line, true) returns the request or what was expected", () => {
    expect(parseRtolabCsvRecord("10,W,0,4096,7", true)).toEqual({ timeUs: 10, op: "W", offset: 0, length: 4096, latencyUs: 7 });
    expect(parseRtolabCsvRecord("10,W,0,4096.5,7", true)).toBe("length, a non-negative integer number of bytes");
  });
});
