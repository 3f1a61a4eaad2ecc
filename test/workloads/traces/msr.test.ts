import { describe, expect, it } from "vitest";
import { parseMsrRecord, readMsr } from "../../../src/workloads/traces/msr.ts";
import { writeFixture } from "../fixtures.ts";

const MSR = [
  "128166372003061629,hm,0,Read,4096,512,615",
  "128166372003061729,hm,0,Write,0,4096,20",
  "128166372013061629,hm,0,read,1073741824,65536,12345",
].join("\n");

describe("readMsr", () => {
  it("readMsr(path) rebases filetime ticks exactly to µs and converts response times", () => {
    expect([...readMsr(writeFixture("hm_0.csv", `${MSR}\n`))]).toEqual([
      { timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 61.5 },
      { timeUs: 10, op: "W", offset: 0, length: 4096, latencyUs: 2 },
      { timeUs: 1000000, op: "R", offset: 1073741824, length: 65536, latencyUs: 1234.5 },
    ]);
  });

  it("readMsr(path) skips a header line", () => {
    const path = writeFixture("h.csv", `Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime\n${MSR}`);
    expect([...readMsr(path)].length).toBe(3);
  });

  it("readMsr(path) names the file and line of a bad record", () => {
    const path = writeFixture("bad.csv", `${MSR}\n128166372013061629,hm,0,Trim,0,512,1\n`);
    expect(() => [...readMsr(path)]).toThrow(`${path}: line 4: expected Type Read or Write`);
    const stamp = writeFixture("bad2.csv", "1.5e17,hm,0,Read,0,512,1\n");
    expect(() => [...readMsr(stamp)]).toThrow(`${stamp}: line 1: expected Timestamp, a non-negative integer of 100 ns ticks`);
  });
});

describe("parseMsrRecord", () => {
  it("parseMsrRecord(line) keeps the filetime as a bigint", () => {
    expect(parseMsrRecord("128166372003061629,hm,0,Read,4096,512,615")).toEqual({
      ticks: 128166372003061629n, timeUs: 0, op: "R", offset: 4096, length: 512, latencyUs: 61.5,
    });
    expect(parseMsrRecord("1,hm,0,Read,4096")).toMatch(/^7 comma-separated fields/);
  });
});
