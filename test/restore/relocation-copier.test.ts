import { describe, expect, it } from "vitest";
import { prefetchPolicies } from "../../src/policies/prefetch/index.ts";
import { relocationSchemes } from "../../src/policies/relocation/index.ts";
import type { BlockRange, Profile } from "../../src/policies/relocation/types.ts";
import { InvariantError } from "../../src/util/errors.ts";
import { BLOCK, CHUNK, MS, chunksOf, req, submitAt, toyCopier, toyGuestIo, toyWorld, type Toy } from "./toy.ts";

// Toy: 16 blocks of 4 KiB in 4 chunks of 16 KiB. One chunk copy from an empty cache:
// fetch 1 ms, 16 384 B over the 1 GB/s path + 10 µs = 26 384 ns, primary write 100 µs:
// 1 126 384 ns per chunk with one stream.
const PER_CHUNK_COPY = MS + 26_384 + 100_000;

function order(scheme: string, context: { profile?: Profile; allocated?: BlockRange[] } = {}): Iterable<BlockRange> {
  return relocationSchemes.get(scheme).create({}).order({ blockCount: 4, ...context });
}

/** Chunks of the copier's primary writes (the guest's writes excluded by `from`). */
function copiedChunks(toy: Toy, from = 0): number[] {
  return chunksOf(toy.primary.log.slice(from)).map(Math.floor);
}

describe("RelocationCopier", () => {
  it("copier.start() with sequential order, 1 stream: chunks 0, 1, 2, 3, done at 4 × 1 126 384 ns", () => {
    const toy = toyWorld();
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), {}, done);
    copier.start();
    expect(copier.running).toBe(true);
    toy.sim.run();
    expect(done).toEqual([4 * PER_CHUNK_COPY]);
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([0, 1, 2, 3].map((c) => [c, c * PER_CHUNK_COPY]));
    expect(toy.primary.log.map((io) => [io.offset, io.length, io.at])).toEqual([0, 1, 2, 3].map((c) => [c * CHUNK, CHUNK, c * PER_CHUNK_COPY + MS + 26_384]));
    expect(copier.stats).toEqual({ copiedBlocks: 16, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
    expect([copier.bytesCopied, copier.startedAt, copier.finishedAt, copier.cursor, copier.running]).toEqual([4 * CHUNK, 0, 4 * PER_CHUNK_COPY, 4, false]);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
    expect(toy.service.stats.fetchedBytesByClass.relocation).toBe(4 * CHUNK);
  });

  it("copier with hot-first order (profile chunks 2, 0): chunks 2, 0, 1, 3", () => {
    const toy = toyWorld();
    const profile: Profile = { version: 1, blockSize: CHUNK, runs: 1, blocks: [2, 0], runCounts: [1, 1] };
    toyCopier(toy, order("hot-first", { profile })).start();
    toy.sim.run();
    expect(copiedChunks(toy)).toEqual([2, 0, 1, 3]);
    expect(toy.sim.now).toBe(4 * PER_CHUNK_COPY);
  });

  it("copier with allocated-extents order (chunks 0–1 allocated) copies 2 chunks, then the sweep marks chunks 2–3 as zeros without I/O", () => {
    const toy = toyWorld();
    toy.zeroFrom = 8;
    const done: number[] = [];
    const copier = toyCopier(toy, order("allocated-extents", { allocated: [{ firstBlock: 0, blockCount: 2 }] }), {}, done);
    copier.start();
    toy.sim.run();
    expect(copiedChunks(toy)).toEqual([0, 1]);
    expect(chunksOf(toy.storage.log)).toEqual([0, 1]);
    expect(done).toEqual([2 * PER_CHUNK_COPY]);
    expect(copier.stats).toEqual({ copiedBlocks: 8, skippedBlocks: 0, zeroBlocks: 8, chunkReads: 2, mergedBlocks: 0 });
    expect([toy.versions.primaryVersion(15), toy.versions.marks]).toEqual([0, 16]);
  });

  it("the final sweep copies a guest-written block in unallocated space (block 13, version 1) and zero-fills the other 7", () => {
    const toy = toyWorld();
    toy.zeroFrom = 8;
    const io = toyGuestIo(toy);
    submitAt(toy, io, 0, req("W", 13 * BLOCK, BLOCK), []); // into the media agent's write area
    const done: number[] = [];
    const copier = toyCopier(toy, order("allocated-extents", { allocated: [{ firstBlock: 0, blockCount: 2 }] }), {}, done);
    toy.sim.schedule(0, "test.event", () => copier.start());
    toy.sim.run();
    // Chunks 0, 1 as above (2 252 768 ns); then chunk 3 (1 ms fetch of the whole chunk), 4096 B + 10 µs, write 100 µs.
    expect(done).toEqual([2 * PER_CHUNK_COPY + MS + 14_096 + 100_000]);
    expect(toy.primary.log.map((w) => [w.offset, w.length])).toEqual([
      [0, CHUNK],
      [CHUNK, CHUNK],
      [13 * BLOCK, BLOCK],
    ]);
    // The sweep marks 12, 14, 15 as zeros, then lists chunk 3 and counts them as skipped too.
    expect(copier.stats).toEqual({ copiedBlocks: 9, skippedBlocks: 3, zeroBlocks: 7, chunkReads: 3, mergedBlocks: 0 });
    expect(toy.versions.primaryVersion(13)).toBe(1);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
  });

  it("a sequential copier copies unallocated chunks too (only the sweep zero-fills)", () => {
    const toy = toyWorld();
    toy.zeroFrom = 8;
    const copier = toyCopier(toy, order("sequential"));
    copier.start();
    toy.sim.run();
    expect(copier.stats).toEqual({ copiedBlocks: 16, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
  });

  it("copier skips blocks a guest write marked during relocation (mirror rule): chunk 1 copies blocks 4, 6, 7 only", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    submitAt(toy, io, 0, req("W", 5 * BLOCK, BLOCK), []);
    const copier = toyCopier(toy, order("sequential"));
    toy.sim.schedule(0, "test.event", () => copier.start());
    toy.sim.run();
    // Guest mirror write first, then chunk 0 (16 KiB), chunk 1 as 3 blocks from block 4 (12 KiB).
    expect(toy.primary.log.slice(0, 3).map((w) => [w.offset, w.length])).toEqual([
      [5 * BLOCK, BLOCK],
      [0, CHUNK],
      [4 * BLOCK, 3 * BLOCK],
    ]);
    expect(copier.stats).toEqual({ copiedBlocks: 15, skippedBlocks: 1, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
    expect(io.stats.guestMarks).toBe(1);
    expect(toy.versions.primaryVersion(5)).toBe(1);
    // Chunk 1 carries 12 288 B: 1 ms + 22 288 + 100 µs.
    expect(toy.sim.now).toBe(3 * PER_CHUNK_COPY + MS + 22_288 + 100_000);
  });

  it("a guest write landing while the copier's chunk is in flight is not overwritten: the mark is checked again when the data lands", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy, { relocating: true });
    const copier = toyCopier(toy, order("sequential"));
    copier.start(); // chunk 0 fetched 0 → 1 ms, lands at 1 026 384
    submitAt(toy, io, 500_000, req("W", 2 * BLOCK, BLOCK), []);
    toy.sim.run();
    expect(toy.versions.primaryVersion(2)).toBe(1);
    expect(copier.stats).toEqual({ copiedBlocks: 15, skippedBlocks: 1, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
    // The copier's write of chunk 0 holds the 3 blocks still unmarked.
    expect(toy.primary.log.filter((w) => w.at === MS + 26_384).map((w) => w.length)).toEqual([3 * BLOCK]);
  });

  it("the same in-flight write with the mirror rule broken (no mark) is a stale overwrite: InvariantError naming block 2 at t=1026384", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy, { relocating: true }, true);
    toyCopier(toy, order("sequential")).start();
    submitAt(toy, io, 500_000, req("W", 2 * BLOCK, BLOCK), []);
    expect(() => toy.sim.run()).toThrow(InvariantError);
    expect(toy.sim.now).toBe(MS + 26_384);
    expect(() => toy.versions.writePrimary(2, 0, toy.sim.now)).toThrow("vm: stale overwrite of block 2 at t=1026384 ns: primary held version 1, a write brought version 0");
  });

  it("rateLimit 8 192 000 B/s paces 16 KiB chunks 2 ms apart (1 stream): fetches at 0, 2, 4, 6 ms, done at 6 ms + 1 126 384", () => {
    const toy = toyWorld();
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), { rateLimit: 8_192_000 }, done);
    copier.start();
    toy.sim.run();
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([0, 1, 2, 3].map((c) => [c, 2 * c * MS]));
    expect(done).toEqual([6 * MS + PER_CHUNK_COPY]);
    expect(copier.stats.chunkReads).toBe(4);
  });

  it("rateLimit paces 4 streams together: fetches at 0, 2, 4, 6 ms", () => {
    const toy = toyWorld();
    toyCopier(toy, order("sequential"), { streams: 4, rateLimit: 8_192_000 }).start();
    toy.sim.run();
    expect(toy.storage.log.slice(0, 4).map((io) => [io.offset / CHUNK, io.at])).toEqual([0, 1, 2, 3].map((c) => [c, 2 * c * MS]));
  });

  it("rateLimit paces by the bytes each chunk actually copies (12 KiB after a guest mark: 1.5 ms)", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    io.submit(req("W", 0, BLOCK), () => {}); // marks block 0 before the copier starts
    toyCopier(toy, order("sequential"), { streams: 4, rateLimit: 8_192_000 }).start();
    toy.sim.run();
    expect(toy.storage.log.map((io) => io.at)).toEqual([0, 1_500_000, 3_500_000, 5_500_000]);
  });

  it("2 streams copy chunks 0, 1 at once, then 2 and 3; the shared link serialises their transfers: done at 2 269 152 ns", () => {
    const toy = toyWorld();
    const done: number[] = [];
    toyCopier(toy, order("sequential"), { streams: 2 }, done).start();
    toy.sim.run();
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([
      [0, 0],
      [1, 0],
      [2, MS + 26_384 + 100_000],
      [3, MS + 16_384 + 26_384 + 100_000],
    ]);
    expect(done).toEqual([2_269_152]);
  });

  it("4 streams fetch all 4 chunks at t=0; transfers serialise 16 384 ns apart: done at 1 175 536 ns", () => {
    const toy = toyWorld();
    const done: number[] = [];
    toyCopier(toy, order("sequential"), { streams: 4 }, done).start();
    toy.sim.run();
    expect(toy.storage.log.map((io) => io.at)).toEqual([0, 0, 0, 0]);
    expect(toy.primary.log.map((io) => io.at)).toEqual([1_026_384, 1_042_768, 1_059_152, 1_075_536]);
    expect(done).toEqual([1_175_536]);
  });

  it("copy-on-read: a guest read during relocation writes its 2 blocks to primary; the copier then skips them and finds chunk 1 in cache", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true, copyOnRead: true });
    const reads: number[] = [];
    submitAt(toy, io, 0, req("R", 4 * BLOCK, 2 * BLOCK), reads);
    const done: number[] = [];
    const copier = toyCopier(toy, order("copy-on-read"), {}, done);
    toy.sim.schedule(2 * MS, "test.event", () => copier.start());
    toy.sim.run();
    expect(reads).toEqual([MS + 8192 + 10_000]);
    expect(toy.primary.log[0]).toEqual({ at: 1_018_192, op: "W", offset: 4 * BLOCK, length: 2 * BLOCK });
    expect([io.stats.copyOnReadMarks, toy.copyOnReadBlocks]).toEqual([2, 2]);
    // From 2 ms: chunk 0 (1 126 384), chunk 1 hit 10 µs + 8192 + 10 µs + 100 µs, chunks 2, 3.
    expect(done).toEqual([2 * MS + PER_CHUNK_COPY + 10_000 + 18_192 + 100_000 + 2 * PER_CHUNK_COPY]);
    expect(copier.stats).toEqual({ copiedBlocks: 14, skippedBlocks: 2, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
    expect(toy.service.stats.fetches).toBe(4);
  });

  it("copier reads in class 'demand' (block-stream style) are promoted over queued prestage: readClass is the scheduler class", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    toy.service.prestage(toy.mount, 2, 2, "prestage"); // 2 runs, 3 queued
    toyCopier(toy, order("sequential"), { readClass: "demand" }).start();
    toy.sim.run();
    expect(chunksOf(toy.storage.log).slice(0, 3)).toEqual([2, 0, 3]);
    expect(toy.service.stats.fetchedBytesByClass).toEqual({ demand: 2 * CHUNK, prestage: 2 * CHUNK, relocation: 0 });
  });

  it("relocation-aware pre-staging (window 2) keeps the copier's chunks ahead: fetches at 0, 0, 1 126 384, 1 262 768; done at 2 389 152", () => {
    const window = relocationSchemes.get("sequential").create({}).order({ blockCount: 4 });
    const toy = toyWorld({}, prefetchPolicies.get("relocation-aware").create({ relocationOrder: window, window: 2 }));
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), {}, done);
    copier.start();
    toy.sim.run();
    // Chunk 0: joins the pre-stage fetch (1 ms) → written 1 126 384 (cursor 1: pre-stage chunk 2).
    // Chunk 1: in cache, 10 µs + 26 384 + 100 µs → 1 262 768 (cursor 2: pre-stage chunk 3).
    // Chunk 2: joins its fetch until 2 126 384 → 2 252 768. Chunk 3: fetch until 2 262 768 → 2 389 152.
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1_126_384],
      [3, 1_262_768],
    ]);
    expect(done).toEqual([2_389_152]);
    expect(toy.service.stats.fetchedBytesByClass).toEqual({ demand: 0, prestage: 0, relocation: 4 * CHUNK });
  });

  it("3 streams over 4 chunks read each chunk once: the final sweep does not re-read chunk 3 while stream A still copies it", () => {
    // BUG (reported): stream B finishes chunk 1 at 1 142 768 while stream A's chunk 3 is in
    // flight (fetched until 2 126 384); the sweep sees chunk 3's blocks unmarked and B copies
    // it again: a 5th chunk read and 16 384 more bytes over the media agent NIC.
    const toy = toyWorld();
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), { streams: 3 }, done);
    copier.start();
    toy.sim.run();
    expect(done).toEqual([2 * PER_CHUNK_COPY]);
    expect({ chunkReads: copier.stats.chunkReads, skippedBlocks: copier.stats.skippedBlocks, nicBytes: toy.agent.nic.tx.bytesCarried }).toEqual({ chunkReads: 4, skippedBlocks: 0, nicBytes: 4 * CHUNK });
  });

  it("4 rate-limited streams finish when the last paced chunk is written (6 ms + 1 126 384), with no duplicate copies", () => {
    // BUG (reported): streams done with their chunk enter the sweep while chunks 1–3 wait on the
    // pacer, copy them again (7 chunk reads), and the duplicates hold switch-over to 12 036 384.
    const toy = toyWorld();
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), { streams: 4, rateLimit: 8_192_000 }, done);
    copier.start();
    toy.sim.run();
    expect({ done, chunkReads: copier.stats.chunkReads }).toEqual({ done: [6 * MS + PER_CHUNK_COPY], chunkReads: 4 });
  });

  it("every byte of the disk reaches primary even when a guest writes only 512 B of a block during relocation", () => {
    // BUG (reported): the mirror rule marks a whole 4 KiB block on a 512 B write, so the copier
    // skips it and the block's other 3 584 B never reach primary. Real mirrors only mark blocks
    // a write covers fully (QEMU's active mirror clears the dirty bitmap for whole granules only).
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    submitAt(toy, io, 0, req("W", BLOCK + 1024, 512), []);
    const copier = toyCopier(toy, order("sequential"));
    toy.sim.schedule(0, "test.event", () => copier.start());
    toy.sim.run();
    expect(toy.primary.counters().bytesWritten).toBeGreaterThanOrEqual(16 * BLOCK);
  });

  it("4 streams, blocks 12–15 unallocated: the sweep leaves chunk 3 to the stream copying it (no zero-fill under an in-flight copy)", () => {
    // Before the fix the streams done with chunks 0–2 swept chunk 3 while it was in flight, marked
    // its blocks as zeros, and its stream then skipped all 4 (zeroBlocks 4, skippedBlocks 4).
    const toy = toyWorld();
    toy.zeroFrom = 12;
    const done: number[] = [];
    const copier = toyCopier(toy, order("sequential"), { streams: 4 }, done);
    copier.start();
    toy.sim.run();
    expect(done).toEqual([1_175_536]);
    expect(copier.stats).toEqual({ copiedBlocks: 16, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 0 });
  });

  it("write area on primary: a 512 B write before the copier starts leaves block 5 to merge; the copier copies it and primary holds version 1 whole", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy);
    submitAt(toy, io, 0, req("W", 5 * BLOCK + 512, 512), []);
    const copier = toyCopier(toy, order("sequential"));
    toy.sim.schedule(0, "test.event", () => copier.start());
    toy.sim.run();
    expect([io.stats.guestMarks, io.stats.guestMerges]).toEqual([0, 1]);
    expect(copier.stats).toEqual({ copiedBlocks: 16, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 1 });
    // The guest's 512 B, then four whole chunks: every byte reached primary.
    expect(toy.primary.log.map((w) => w.length)).toEqual([512, CHUNK, CHUNK, CHUNK, CHUNK]);
    expect([toy.versions.primaryVersion(5), toy.versions.isPartialOnPrimary(5)]).toEqual([1, false]);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
  });

  it("a 512 B write landing while the copier's chunk is in flight is merged, not overwritten: block 2 at version 1 whole, chunk 0 written whole", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy, { relocating: true });
    const copier = toyCopier(toy, order("sequential"));
    copier.start(); // chunk 0 captured (version 0 of block 2) at 1 ms, lands at 1 026 384
    submitAt(toy, io, 500_000, req("W", 2 * BLOCK + 1024, 512), []);
    toy.sim.run();
    expect(copier.stats).toEqual({ copiedBlocks: 16, skippedBlocks: 0, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 1 });
    expect(toy.primary.log.filter((w) => w.at === MS + 26_384).map((w) => w.length)).toEqual([CHUNK]);
    expect(toy.versions.primaryVersion(2)).toBe(1);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
  });

  it("the same in-flight 512 B write with the mirror rule broken (not recorded to merge) is a stale overwrite of block 2 at t=1026384", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy, { relocating: true }, true);
    toyCopier(toy, order("sequential")).start();
    submitAt(toy, io, 500_000, req("W", 2 * BLOCK + 1024, 512), []);
    expect(() => toy.sim.run()).toThrow("vm: stale overwrite of block 2 at t=1026384 ns: primary held version 1, a write brought version 0");
  });

  it("a 512 B write to a block already copied keeps it current and marked: no merge, no second copy", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    const copier = toyCopier(toy, order("sequential"));
    copier.start();
    submitAt(toy, io, 2 * MS, req("W", 1024, 512), []); // block 0, copied at 1 026 384
    toy.sim.run();
    expect([io.stats.guestMarks, io.stats.guestMerges, copier.stats.copiedBlocks, copier.stats.mergedBlocks, toy.versions.primaryVersion(0)]).toEqual([0, 0, 16, 0, 1]);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
  });

  it("a 4 KiB write straddling blocks 0 and 1 during relocation covers neither: both are merged; a covering 8 KiB write marks blocks 4 and 5", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    submitAt(toy, io, 0, req("W", BLOCK / 2, BLOCK), []);
    submitAt(toy, io, 0, req("W", 4 * BLOCK, 2 * BLOCK), []);
    const copier = toyCopier(toy, order("sequential"));
    toy.sim.schedule(0, "test.event", () => copier.start());
    toy.sim.run();
    expect([io.stats.guestMarks, io.stats.guestMerges]).toEqual([2, 2]);
    expect(copier.stats).toEqual({ copiedBlocks: 14, skippedBlocks: 2, zeroBlocks: 0, chunkReads: 4, mergedBlocks: 2 });
    expect([0, 1, 4, 5].map((b) => toy.versions.primaryVersion(b))).toEqual([1, 1, 1, 1]);
    expect(() => toy.versions.checkPrimaryComplete(toy.sim.now)).not.toThrow();
  });
});
