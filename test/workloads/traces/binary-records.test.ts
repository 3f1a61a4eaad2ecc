import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, readHead, readI64, readU64, recordChunks } from "../../../src/workloads/traces/binary-records.ts";

const file = (bytes: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-records-")), "t.bin");
  writeFileSync(path, bytes);
  return path;
};

describe("binary records", () => {
  it("recordChunks() yields whole records in ~1 MiB chunks, numbering each chunk's first record", () => {
    // 24-byte records: 43,690 per 1 MiB chunk; 100,000 records → chunks of 43,690, 43,690, 12,620.
    const records = 100_000;
    const bytes = Buffer.alloc(records * 24);
    for (let i = 0; i < records; i++) bytes.writeUInt32LE(i, i * 24);
    const chunks: Array<[number, number, number]> = [];
    for (const chunk of recordChunks(file(bytes), 24)) chunks.push([chunk.firstRecord, chunk.count, chunk.buffer.readUInt32LE((chunk.count - 1) * 24)]);
    const perChunk = Math.floor(CHUNK_BYTES / 24);
    expect(perChunk).toBe(43_690);
    expect(chunks).toEqual([
      [1, perChunk, perChunk - 1],
      [perChunk + 1, perChunk, 2 * perChunk - 1],
      [2 * perChunk + 1, records - 2 * perChunk, records - 1],
    ]);
  });

  it("recordChunks() of an empty file yields nothing; a truncated last record is an error naming it", () => {
    expect([...recordChunks(file(Buffer.alloc(0)), 16)]).toEqual([]);
    const path = file(Buffer.alloc(16 * 3 + 5));
    expect(() => [...recordChunks(path, 16)]).toThrow(`${path}: record 4: a complete 16-byte record, but the file ends after 5 bytes of it`);
  });

  it("readHead() returns the first bytes, fewer for a short file", () => {
    const path = file(Buffer.from([1, 2, 3]));
    expect([...readHead(path, 2)]).toEqual([1, 2]);
    expect([...readHead(path, 8)]).toEqual([1, 2, 3]);
  });

  it("readU64() reads little-endian up to 2^53 − 1 and refuses more; readI64() reads signed values", () => {
    expect(readU64(Buffer.from([1, 0, 0, 0, 1, 0, 0, 0]), 0, "t", 1, "lbn")).toBe(4_294_967_297);
    const max = Buffer.alloc(8);
    max.writeBigUInt64LE(2n ** 53n - 1n);
    expect(readU64(max, 0, "t", 1, "lbn")).toBe(Number.MAX_SAFE_INTEGER);
    max.writeBigUInt64LE(2n ** 53n);
    expect(() => readU64(max, 0, "t.bin", 7, "lbn")).toThrow("t.bin: record 7: lbn below 2^53");
    expect(readI64(Buffer.alloc(8, 0xff), 0)).toBe(-1);
    const negative = Buffer.alloc(8);
    negative.writeBigInt64LE(-(2n ** 40n) - 5n);
    expect(readI64(negative, 0)).toBe(-(2 ** 40) - 5);
  });
});
