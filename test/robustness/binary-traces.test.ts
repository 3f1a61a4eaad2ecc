/**
 * Truncated and corrupt binary traces (vscsi, oracleGeneral): a cut last record, a wrong version
 * field, a zero-length file. Errors name the file and the 1-based record; a zero-length file is
 * an empty trace (documented on the readers).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/util/errors.ts";
import { openTrace } from "../../src/workloads/traces/open.ts";
import { TRACE_SAMPLES } from "../../fuzz/trace-targets.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-binary-traces-"));

/** Reads the file to the end: the number of requests, or the InputError message. */
function read(name: string, bytes: Uint8Array, format: "vscsi" | "oracleGeneral"): number | string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  try {
    return [...openTrace(path, format)].length;
  } catch (error) {
    if (isInputError(error)) return error.message.replace(path, "FILE");
    throw error;
  }
}

describe("vscsi traces, truncated or corrupt", () => {
  const sample = TRACE_SAMPLES.vscsi; // 24 v1 records of 32 bytes

  it("readVscsi(zero-length file) is an empty trace", () => {
    expect(read("empty.vscsi", Buffer.alloc(0), "vscsi")).toBe(0);
  });

  it("readVscsi(file cut inside record 24) names record 24 and the bytes left", () => {
    expect(read("cut.vscsi", sample.subarray(0, 23 * 32 + 5), "vscsi")).toBe("FILE: record 24: a complete 32-byte record, but the file ends after 5 bytes of it");
  });

  it("readVscsi(file shorter than one record) names record 1", () => {
    expect(read("short.vscsi", sample.subarray(0, 20), "vscsi")).toBe("FILE: record 1: a complete 32-byte record, but the file ends after 20 bytes of it");
  });

  it("readVscsi(version field 0x0300 in record 1) names record 1 and the versions it knows", () => {
    const bad = Buffer.from(sample);
    bad.writeUInt16LE(0x0300, 14);
    expect(read("v3.vscsi", bad, "vscsi")).toBe("FILE: record 1: a vscsi version field 0x01xx (v1, bytes 14-15) or 0x02xx (v2, bytes 2-3)");
  });

  it("readVscsi(version field changed in record 7) names record 7", () => {
    const bad = Buffer.from(sample);
    bad.writeUInt16LE(0x0200, 6 * 32 + 14);
    expect(read("mixed.vscsi", bad, "vscsi")).toBe("FILE: record 7: vscsi version 1 (field 0x01xx) like record 1, found 0x200");
  });
});

describe("oracleGeneral traces, truncated or corrupt", () => {
  const sample = TRACE_SAMPLES.oracleGeneral; // 24 records of 24 bytes

  it("readOracleGeneral(zero-length file) is an empty trace", () => {
    expect(read("empty.oracleGeneral", Buffer.alloc(0), "oracleGeneral")).toBe(0);
  });

  it("readOracleGeneral(file cut inside record 24) names record 24", () => {
    expect(read("cut.oracleGeneral", sample.subarray(0, 23 * 24 + 23), "oracleGeneral")).toBe("FILE: record 24: a complete 24-byte record, but the file ends after 23 bytes of it");
  });

  it("readOracleGeneral(object id of 2^60 in record 3) names record 3", () => {
    const bad = Buffer.from(sample);
    bad.writeBigUInt64LE(2n ** 60n, 2 * 24 + 4);
    expect(read("id.oracleGeneral", bad, "oracleGeneral")).toBe("FILE: record 3: object id below 2^53");
  });
});
