import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forEachOracleGeneral, loadOracleGeneral, oracleGeneralChunks, readOracleGeneral } from "../../../src/workloads/traces/oracle-general.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-oracle-"));

/** A record: u32 time (s), u64 object id, u32 size, i64 next (1-based, −1 none). */
function record(time: number, id: number, size: number, next: number): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(time, 0);
  b.writeBigUInt64LE(BigInt(id), 4);
  b.writeUInt32LE(size, 12);
  b.writeBigInt64LE(BigInt(next), 16);
  return b;
}

function file(name: string, ...records: Buffer[]): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(records));
  return path;
}

describe("oracle-general", () => {
  it("readOracleGeneral() decodes records: seconds → rebased µs, key = object id", () => {
    const path = file("a.bin", record(100, 42, 4096, 3), record(101, 2 ** 40, 512, -1), record(103, 42, 4096, -1));
    expect([...readOracleGeneral(path)]).toEqual([
      { timeUs: 0, op: "R", offset: 42, length: 4096, nextAccessIndex: 3 },
      { timeUs: 1_000_000, op: "R", offset: 2 ** 40, length: 512, nextAccessIndex: -1 },
      { timeUs: 3_000_000, op: "R", offset: 42, length: 4096, nextAccessIndex: -1 },
    ]);
  });

  it("readOracleGeneral() names the truncated record", () => {
    const path = file("cut.bin", record(1, 1, 1, -1), record(1, 2, 1, -1).subarray(0, 10));
    expect(() => [...readOracleGeneral(path)]).toThrow(`${path}: record 2: a complete 24-byte record, but the file ends after 10 bytes of it`);
  });

  it("readOracleGeneral() rejects an object id of 2^53 or more", () => {
    const path = file("big.bin", record(1, 2 ** 60, 1, -1));
    expect(() => [...readOracleGeneral(path)]).toThrow(`${path}: record 1: object id below 2^53`);
  });

  it("oracleGeneralChunks() decodes ids past 2^32, sizes and next indices (0-based, Infinity for none) and rejects ids of 2^53", () => {
    const path = file("c.bin", record(5, 2 ** 40 + 3, 4096, 3), record(6, 9, 512, -1), record(7, 2 ** 40 + 3, 4096, 2 ** 33));
    const chunk = oracleGeneralChunks(path).next().value!;
    expect([chunk.length, ...chunk.objectId.subarray(0, 3), ...chunk.size.subarray(0, 3), ...chunk.next.subarray(0, 3)]).toEqual([
      3, 2 ** 40 + 3, 9, 2 ** 40 + 3, 4096, 512, 4096, 2, Infinity, 2 ** 33 - 1,
    ]);
    const big = file("big2.bin", record(1, 1, 1, -1), record(1, 2 ** 60, 1, -1));
    expect(() => [...oracleGeneralChunks(big)]).toThrow(`${big}: record 2: object id below 2^53`);
  });

  it("loadOracleGeneral() makes next indices 0-based with Infinity for none", () => {
    const path = file("b.bin", record(5, 7, 100, 2), record(5, 7, 100, -1));
    const columns = loadOracleGeneral(path);
    expect([...columns.objectId, ...columns.size, ...columns.nextIndex, ...columns.timeS]).toEqual([7, 7, 100, 100, 1, Infinity, 5, 5]);
  });

  it("forEachOracleGeneral() streams the CloudPhysics trace in chunks: 113872 records, 48974 ids", () => {
    const ids = new Set<number>();
    const count = forEachOracleGeneral(new URL("../../../traces/cloudPhysicsIO.oracleGeneral.bin", import.meta.url).pathname, (_t, id) => ids.add(id));
    expect([count, ids.size]).toEqual([113872, 48974]);
  });
});
