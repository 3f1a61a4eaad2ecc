import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readVscsi, vscsiVersion } from "../../../src/workloads/traces/vscsi.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-vscsi-"));

/** A v1 record: u32 sn, u32 len, u32 nSG, u16 cmd, u16 ver, u64 lbn, u64 ts. */
function v1(sn: number, len: number, cmd: number, lbn: number, ts: number, ver = 0x0100): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(sn, 0);
  b.writeUInt32LE(len, 4);
  b.writeUInt32LE(1, 8);
  b.writeUInt16LE(cmd, 12);
  b.writeUInt16LE(ver, 14);
  b.writeBigUInt64LE(BigInt(lbn), 16);
  b.writeBigUInt64LE(BigInt(ts), 24);
  return b;
}

/** A v2 record: u16 cmd, u16 ver, u32 sn, u32 len, u32 nSG, u64 lbn, u64 ts, u64 rt. */
function v2(cmd: number, len: number, lbn: number, ts: number, rt: number): Buffer {
  const b = Buffer.alloc(40);
  b.writeUInt16LE(cmd, 0);
  b.writeUInt16LE(0x0200, 2);
  b.writeUInt32LE(7, 4);
  b.writeUInt32LE(len, 8);
  b.writeUInt32LE(1, 12);
  b.writeBigUInt64LE(BigInt(lbn), 16);
  b.writeBigUInt64LE(BigInt(ts), 24);
  b.writeBigUInt64LE(BigInt(rt), 32);
  return b;
}

function file(name: string, ...records: Buffer[]): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(records));
  return path;
}

describe("vscsi", () => {
  it("readVscsi() decodes v1 records: LBN×512, rebased µs, R/W", () => {
    const path = file("v1.vscsi", v1(1, 4096, 0x28, 100, 5_000_000), v1(2, 512, 0x2a, 2 ** 40, 5_000_250));
    expect([...readVscsi(path)]).toEqual([
      { timeUs: 0, op: "R", offset: 51200, length: 4096 },
      { timeUs: 250, op: "W", offset: 2 ** 49, length: 512 },
    ]);
  });

  it("readVscsi() decodes v2 records with their response time", () => {
    const path = file("v2.vscsi", v2(0x2a, 8192, 8, 1000, 33), v2(0x28, 512, 9, 1010, 7));
    expect([...readVscsi(path)]).toEqual([
      { timeUs: 0, op: "W", offset: 4096, length: 8192, latencyUs: 33 },
      { timeUs: 10, op: "R", offset: 4608, length: 512, latencyUs: 7 },
    ]);
  });

  it("readVscsi() names the truncated record", () => {
    const path = file("cut.vscsi", v1(1, 512, 0x28, 1, 1), v1(2, 512, 0x28, 2, 2), v1(3, 512, 0x28, 3, 3).subarray(0, 20));
    expect(() => [...readVscsi(path)]).toThrow(`${path}: record 3: a complete 32-byte record, but the file ends after 20 bytes of it`);
  });

  it("readVscsi() rejects a record whose version differs from the first", () => {
    const path = file("mixed.vscsi", v1(1, 512, 0x28, 1, 1), v1(2, 512, 0x28, 2, 2, 0x0300));
    expect(() => [...readVscsi(path)]).toThrow(`${path}: record 2: vscsi version 1 (field 0x01xx) like record 1, found 0x300`);
  });

  it("vscsiVersion() rejects a first record with no valid version field", () => {
    expect(() => vscsiVersion(Buffer.alloc(32), "x.vscsi")).toThrow("x.vscsi: record 1: a vscsi version field 0x01xx (v1, bytes 14-15) or 0x02xx (v2, bytes 2-3)");
  });

  it("readVscsi() rejects an unknown SCSI command", () => {
    const path = file("cmd.vscsi", v1(1, 512, 0x12, 1, 1));
    expect(() => [...readVscsi(path)]).toThrow("record 1: a SCSI read, write or synchronize-cache command, found 0x12");
  });

  it("readVscsi() reads the CloudPhysics trace: 113872 requests, 46974 reads", () => {
    let n = 0;
    let reads = 0;
    for (const request of readVscsi(new URL("../../../traces/cloudPhysicsIO.vscsi", import.meta.url).pathname)) {
      n++;
      if (request.op === "R") reads++;
    }
    expect([n, reads]).toEqual([113872, 46974]);
  });

  it("readVscsi() of an empty file yields nothing", () => {
    expect([...readVscsi(file("empty.vscsi"))]).toEqual([]);
  });
});
