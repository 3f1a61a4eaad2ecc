import { describe, expect, it } from "vitest";
import { blkparseOp, parseBlkparseLine, readBlkparse } from "../../../src/workloads/traces/blkparse.ts";
import { writeFixture } from "../fixtures.ts";

const BLKPARSE = [
  "  8,0    1        1     0.000100000   697  Q   R 2048 + 8 [cat]",
  "  8,0    1        2     0.000101000   697  G   R 2048 + 8 [cat]",
  "  8,0    1        3     0.000110000   697  D   R 2048 + 8 [cat]",
  "  8,0    0        4     0.000120000   700  Q  WS 4096 + 16 [jbd2/sda1-8]",
  "  8,0    0        5     0.000125000   700  D  WS 4096 + 16 [jbd2/sda1-8]",
  "  8,0    1        6     0.000160000     0  C   R 2048 + 8 [0]",
  "  8,0    0        7     0.000180000   700  D FWS [jbd2/sda1-8]",
  "  8,0    0        8     0.000200500     0  C  WS 4096 + 16 [0]",
  "  8,0    0        9     0.000900000     0  C FWS 0 [0]",
  "  8,0    0       10     0.001000000   701  D  DS 8192 + 8 [fstrim]",
  "  8,0    1       11     0.002000000   697  D  RA 9000 + 256 [cat]",
  "",
  "CPU0 (8,0):",
  " Reads Queued:           1,        4KiB\t Writes Queued:           1,        8KiB",
].join("\n");

describe("readBlkparse", () => {
  it("readBlkparse(path) takes D as issue, matches C for latency and yields in issue order", () => {
    expect([...readBlkparse(writeFixture("t.txt", BLKPARSE))]).toEqual([
      { timeUs: 0, op: "R", offset: 1048576, length: 4096, latencyUs: 50 },
      { timeUs: 15, op: "W", offset: 2097152, length: 8192, latencyUs: 75.5 },
      { timeUs: 70, op: "F", offset: 0, length: 0, latencyUs: 720 },
      { timeUs: 1890, op: "R", offset: 4608000, length: 131072 },
    ]);
  });

  it("readBlkparse(path, { issueEvent: 'Q' }) takes the queue event as issue", () => {
    const requests = [...readBlkparse(writeFixture("t.txt", BLKPARSE), { issueEvent: "Q" })];
    expect(requests).toEqual([
      { timeUs: 0, op: "R", offset: 1048576, length: 4096, latencyUs: 60 },
      { timeUs: 20, op: "W", offset: 2097152, length: 8192, latencyUs: 80.5 },
    ]);
  });

  it("readBlkparse(path, { maxPending: 1 }) gives up waiting for a lost completion", () => {
    const text = "8,0 0 1 0.000010000 9 D R 8 + 8 [x]\n8,0 0 2 0.000020000 9 D R 16 + 8 [x]\n8,0 0 3 0.000030000 9 D R 24 + 8 [x]\n8,0 0 4 0.000050000 0 C R 24 + 8 [0]\n";
    const requests = [...readBlkparse(writeFixture("lost.txt", text), { maxPending: 1 })];
    expect(requests.map((r) => [r.timeUs, r.latencyUs])).toEqual([[0, undefined], [10, undefined], [20, 20]]);
  });

  it("readBlkparse(path) names the file and line of a broken event line", () => {
    const path = writeFixture("bad.txt", "8,0 0 1 0.000010000 9 D R 8 + 8 [x]\n8,0 0 2 zero 9 D R 8 + 8 [x]\n");
    expect(() => [...readBlkparse(path)]).toThrow(`${path}: line 2: expected a blkparse event`);
    const noSector = writeFixture("bad2.txt", "8,0 0 1 0.000010000 9 D R [x]\n");
    expect(() => [...readBlkparse(noSector)]).toThrow(`${noSector}: line 1: expected sector + nsectors`);
  });
});

describe("parseBlkparseLine", () => {
  it("parseBlkparseLine(line) parses an event and skips summary lines", () => {
    expect(parseBlkparseLine("  8,0    3   11   0.000123000  697  D  RS 2048 + 8 [cat]")).toEqual({
      device: "8,0", timeUs: 123, action: "D", rwbs: "RS", sector: 2048, sectors: 8,
    });
    expect(parseBlkparseLine("CPU0 (8,0):")).toBeUndefined();
  });
});

describe("blkparseOp", () => {
  it("blkparseOp(rwbs, sectors) maps reads, data writes and flushes, skips discards", () => {
    expect([blkparseOp("RA", 8), blkparseOp("WS", 8), blkparseOp("FWS", 0), blkparseOp("FN", 0), blkparseOp("DS", 8), blkparseOp("N", 0)])
      .toEqual(["R", "W", "F", "F", undefined, undefined]);
  });
});
