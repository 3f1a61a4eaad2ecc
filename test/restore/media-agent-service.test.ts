import { describe, expect, it } from "vitest";
import type { Prefetcher } from "../../src/policies/prefetch/types.ts";
import { BLOCK, CHUNK, MS, US, chunksOf, req, submitAt, toyGuestIo, toyWorld, waiterLog } from "./toy.ts";

// Toy: 16 KiB chunks, secondary storage 1 ms per fetch (unlimited parallelism), hit 10 µs.

describe("MediaAgentService", () => {
  it("service.read(mount, chunk, 'demand') on a miss fetches the whole 16 KiB chunk once and tells the waiter at 1 ms", () => {
    const toy = toyWorld();
    const w = waiterLog(toy);
    expect(toy.service.read(toy.mount, 2, "demand", w, 7)).toBe(false);
    expect(toy.service.outstanding).toBe(1);
    toy.sim.run();
    expect(w.log).toEqual([[7, MS, true]]);
    expect(toy.storage.log).toEqual([{ at: 0, op: "R", offset: 2 * CHUNK, length: CHUNK }]);
    expect(toy.service.stats).toMatchObject({ fetches: 1, fetchedBytesByClass: { demand: CHUNK, prestage: 0, relocation: 0 }, demandMissed: 1, demandReady: 0 });
    expect(toy.service.outstanding).toBe(0);
  });

  it("a guest 4 KiB read miss brings 16 384 B from secondary storage and sends 4096 B to the host", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const done: number[] = [];
    submitAt(toy, io, 0, req("R", 5 * BLOCK, BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([MS + 4096 + 10_000]);
    expect(toy.storage.counters().bytesRead).toBe(CHUNK);
    expect([io.stats.bytesFromMediaAgent, toy.agent.nic.tx.bytesCarried]).toEqual([4096, 4096]);
  });

  it("service.read() of a cached chunk returns true (the caller adds hitLatency) and counts a demand hit", () => {
    const toy = toyWorld();
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 1, "demand", w, 0);
    toy.sim.run();
    expect(toy.service.read(toy.mount, 1, "demand", w, 1)).toBe(true);
    expect(toy.service.stats).toMatchObject({ fetches: 1, demandReady: 1, demandMissed: 1 });
    expect(toy.tracker.stats).toMatchObject({ demandRequests: 2, demandHits: 1, hitsByClass: { demand: 1, prestage: 0, relocation: 0 } });
  });

  it("decompress: true adds chunkSize / decompressionRate on the media agent's one core: 16 384 ns, serialised", () => {
    const toy = toyWorld({ decompress: true });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "demand", w, 0);
    toy.service.read(toy.mount, 1, "demand", w, 1);
    toy.sim.run();
    expect(w.log).toEqual([
      [0, MS + 16_384, true],
      [1, MS + 2 * 16_384, true],
    ]);
  });

  it("decompression serves classes by priority on a busy core: demand before prestage after the running relocation chunk", () => {
    const toy = toyWorld({ decompress: true });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "relocation", w, 0);
    toy.service.prestage(toy.mount, 1, 1, "prestage");
    toy.service.read(toy.mount, 1, "relocation", w, 1); // joins the prestage fetch (stays prestage)
    toy.service.read(toy.mount, 2, "demand", w, 2);
    toy.sim.run();
    expect(w.log).toEqual([
      [0, MS + 16_384, true],
      [2, MS + 2 * 16_384, true],
      [1, MS + 3 * 16_384, true],
    ]);
  });

  it("concurrent prestage and demand read of one chunk fetch it once; the demand read waits for the fetch (late prestage)", () => {
    const toy = toyWorld();
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 1, 1, "prestage");
    expect(toy.service.read(toy.mount, 1, "demand", w, 0)).toBe(false);
    toy.sim.run();
    expect(w.log).toEqual([[0, MS, true]]);
    expect(toy.storage.log.length).toBe(1);
    expect(toy.service.stats).toMatchObject({
      fetches: 1, fetchedBytesByClass: { demand: 0, prestage: CHUNK, relocation: 0 },
      demandWaited: 1, demandMissed: 0, prestageLate: 1, prestageOnTime: 0, promoted: 0,
    });
    // The tracker counts the join as a demand hit on the pre-staged chunk.
    expect(toy.tracker.stats).toMatchObject({ demandHits: 1, hitsByClass: { prestage: 1 }, insertedByClass: { demand: 0, prestage: 1, relocation: 0 } });
  });

  it("service.prestage() skips chunks cached or in flight, and clips to the mount", () => {
    const toy = toyWorld();
    toy.service.prestage(toy.mount, 0, 2, "prestage");
    toy.service.prestage(toy.mount, 1, 10, "prestage"); // 1 in flight; 2, 3 new; 4.. outside the 4-chunk disk
    toy.sim.run();
    toy.service.prestage(toy.mount, 0, 4, "prestage"); // all cached now
    toy.sim.run();
    expect(chunksOf(toy.storage.log)).toEqual([0, 1, 2, 3]);
    expect(toy.service.stats.fetches).toBe(4);
  });

  it("a demand read joining a queued prestage fetch promotes it: fetched at 1 ms, ahead of the older prestage (fetchSlots 1)", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 0, 3, "prestage"); // 0 runs; 1, 2 queued
    toy.service.read(toy.mount, 2, "demand", w, 2);
    toy.sim.run();
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([
      [0, 0],
      [2, MS],
      [1, 2 * MS],
    ]);
    expect(w.log).toEqual([[2, 2 * MS, true]]);
    expect(toy.service.stats).toMatchObject({ promoted: 1, fetchedBytesByClass: { demand: CHUNK, prestage: 2 * CHUNK, relocation: 0 }, demandWaited: 1, prestageLate: 1 });
  });

  it("service.stats times demand fetches: three misses on 2 fetch slots wait 0, 0 and 1 ms for a slot, then 1 ms of storage and a serialised 16 384 ns decompression", () => {
    const toy = toyWorld({ fetchSlots: 2, decompress: true });
    const w = waiterLog(toy);
    for (const chunk of [0, 1, 2]) toy.service.read(toy.mount, chunk, "demand", w, chunk);
    toy.service.prestage(toy.mount, 3, 1, "prestage"); // not a demand fetch: not timed
    toy.sim.run();
    // Chunks 0, 1 stored at 1 ms, decompressed by 1 ms + 16 384 and + 32 768 ns; chunk 2 dispatched at 1 ms, in memory at 2 ms + 16 384 ns.
    expect(w.log).toEqual([[0, MS + 16_384, true], [1, MS + 32_768, true], [2, 2 * MS + 16_384, true]]);
    expect(toy.service.stats).toMatchObject({ demandFetches: 3, demandSlotWaitNs: MS, demandStorageNs: 3 * MS + 4 * 16_384 });
  });

  it("a promoted fetch is timed as a demand fetch from its promotion: queued 1 ms behind chunk 0, stored 1 ms (fetchSlots 1)", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    toy.service.prestage(toy.mount, 0, 2, "prestage");
    toy.sim.schedule(MS / 2, "test.demand", () => toy.service.read(toy.mount, 1, "demand", waiterLog(toy), 1)); // promoted at 0.5 ms
    toy.sim.run();
    expect(toy.service.stats).toMatchObject({ promoted: 1, demandFetches: 1, demandSlotWaitNs: MS / 2, demandStorageNs: MS });
  });

  it("a relocation read joining a queued prestage fetch does not promote it (fetchSlots 1)", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 0, 3, "prestage");
    toy.service.read(toy.mount, 2, "relocation", w, 2);
    toy.sim.run();
    expect(chunksOf(toy.storage.log)).toEqual([0, 1, 2]);
    expect(w.log).toEqual([[2, 3 * MS, true]]);
    expect(toy.service.stats.promoted).toBe(0);
  });

  it("strict priority dispatches demand, then prestage, then relocation (fetchSlots 1): fetch order 0, 3, 2, 1 at 0, 1, 2, 3 ms", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "relocation", w, 0);
    toy.service.read(toy.mount, 1, "relocation", w, 1);
    toy.service.prestage(toy.mount, 2, 1, "prestage");
    toy.service.read(toy.mount, 3, "demand", w, 3);
    toy.sim.run();
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([
      [0, 0],
      [3, MS],
      [2, 2 * MS],
      [1, 3 * MS],
    ]);
    expect(w.log).toEqual([
      [0, MS, true],
      [3, 2 * MS, true],
      [1, 4 * MS, true],
    ]);
  });

  it("the fifo scheduler dispatches in arrival order (no demand priority): demand chunk 3 waits until 3 ms", () => {
    const toy = toyWorld({ fetchSlots: 1, scheduler: "fifo" });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "relocation", w, 0);
    toy.service.read(toy.mount, 1, "relocation", w, 1);
    toy.service.prestage(toy.mount, 2, 1, "prestage");
    toy.service.read(toy.mount, 3, "demand", w, 3);
    toy.sim.run();
    expect(chunksOf(toy.storage.log)).toEqual([0, 1, 2, 3]);
    expect(w.log.find(([token]) => token === 3)).toEqual([3, 4 * MS, true]);
  });

  it("the ReadTracker attributes demand hits to the class that inserted the chunk", () => {
    const toy = toyWorld();
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 0, 1, "prestage");
    toy.service.read(toy.mount, 1, "relocation", w, 1);
    toy.sim.run();
    const hits = [0, 1, 2, 0].map((chunk) => toy.service.read(toy.mount, chunk, "demand", w, chunk));
    toy.sim.run();
    expect(hits).toEqual([true, true, false, true]);
    expect(toy.tracker.stats).toEqual({
      demandRequests: 4,
      demandHits: 3,
      hitsByClass: { demand: 0, prestage: 2, relocation: 1 },
      firstReadsByClass: { demand: 0, prestage: 1, relocation: 1 },
      insertedByClass: { demand: 1, prestage: 1, relocation: 1 },
      evictedUnreadByClass: { demand: 0, prestage: 0, relocation: 0 },
    });
    expect(toy.service.stats).toMatchObject({ demandReady: 3, demandMissed: 1, prestageOnTime: 2, prestageLate: 0 });
  });

  it("backgroundSlots 2 of fetchSlots 4: prestage fetches hold at most 2 slots while a demand fetch still starts at once", () => {
    const toy = toyWorld({ blocks: 32, fetchSlots: 4, backgroundSlots: 2 });
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 0, 4, "prestage");
    toy.service.read(toy.mount, 6, "demand", w, 6);
    toy.sim.run();
    expect(toy.storage.log.map((io) => [io.offset / CHUNK, io.at])).toEqual([
      [0, 0],
      [1, 0],
      [6, 0],
      [2, MS],
      [3, MS],
    ]);
    expect(w.log).toEqual([[6, MS, true]]);
  });

  it("backgroundSlots 0 (no cap): all four prestage fetches start at once", () => {
    const toy = toyWorld({ fetchSlots: 4 });
    toy.service.prestage(toy.mount, 0, 4, "prestage");
    toy.sim.run();
    expect(toy.storage.log.map((io) => io.at)).toEqual([0, 0, 0, 0]);
  });

  it("service.release(mount) drops the mount's cache entries, ignores later prestage, and drops queued fetches nobody waits for", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    toy.service.prestage(toy.mount, 0, 3, "prestage"); // 0 runs; 1, 2 queued
    toy.service.release(toy.mount);
    expect([0, 1, 2].map((chunk) => toy.tracker.classOf(toy.mount.keyBase + chunk))).toEqual([undefined, undefined, undefined]);
    toy.service.prestage(toy.mount, 3, 1, "prestage");
    toy.sim.run();
    expect(chunksOf(toy.storage.log)).toEqual([0]);
    expect(toy.service.stats).toMatchObject({ fetches: 1, dropped: 2 });
    expect(toy.service.outstanding).toBe(0);
    expect(toy.tracker.stats.evictedUnreadByClass.prestage).toBe(3);
    expect(toy.tracker.cache.policy.objectCount).toBe(0);
  });

  it("service.release(mount) still serves a queued fetch somebody waits for", () => {
    const toy = toyWorld({ fetchSlots: 1 });
    const w = waiterLog(toy);
    toy.service.prestage(toy.mount, 0, 1, "prestage");
    toy.service.read(toy.mount, 1, "demand", w, 1);
    toy.service.release(toy.mount);
    toy.sim.run();
    expect(w.log).toEqual([[1, 2 * MS, true]]);
    expect(toy.service.stats.dropped).toBe(0);
  });

  it("two clones of one template sharing half their chunks (LRU holding all): the second finds the 50 shared chunks the first fetched, hit ratio 50 / 200 = 0.25", () => {
    const toy = toyWorld({ cacheChunks: 256 });
    const w = waiterLog(toy);
    const image = toy.service.image("templates.t0", 1000 * CHUNK, 100, 0.5);
    const [a, b] = [toy.service.mount("vms.a", 0, 100, null, image), toy.service.mount("vms.b", 100 * CHUNK, 100, null, image)];
    for (let chunk = 0; chunk < 100; chunk++) toy.service.read(a, chunk, "demand", w, chunk);
    toy.sim.run();
    let hits = 0;
    for (let chunk = 0; chunk < 100; chunk++) if (toy.service.read(b, chunk, "demand", w, chunk)) hits++;
    toy.sim.run();
    // By hand: clone a misses all 100 chunks; clone b hits its 50 shared (odd) chunks and misses its 50 own.
    const { demandReady, demandWaited, demandMissed, fetches } = toy.service.stats;
    expect([hits, demandReady, demandWaited, demandMissed, fetches]).toEqual([50, 50, 0, 150, 150]);
    expect(demandReady / (demandReady + demandWaited + demandMissed)).toBe(0.25);
    // Shared chunks come from the template's place on storage, a clone's own chunks from its own.
    const offsets = toy.storage.log.map((entry) => entry.offset / CHUNK);
    expect(offsets.slice(0, 4)).toEqual([0, 1001, 2, 1003]);
    expect(offsets.slice(100, 103)).toEqual([100, 102, 104]); // clone b: chunks 0, 2, 4 of its own
  });

  it("a clone of another template shares nothing, and releasing a clone keeps its template's chunks for the others", () => {
    const toy = toyWorld({ cacheChunks: 256 });
    const w = waiterLog(toy);
    const a = toy.service.mount("vms.a", 0, 10, null, toy.service.image("templates.t0", 1000 * CHUNK, 10, 0.5));
    const c = toy.service.mount("vms.c", 10 * CHUNK, 10, null, toy.service.image("templates.t1", 2000 * CHUNK, 10, 0.5));
    for (let chunk = 0; chunk < 10; chunk++) toy.service.read(a, chunk, "demand", w, chunk);
    toy.sim.run();
    const hitsOf = (mount: typeof a) => Array.from({ length: 10 }, (_, chunk) => toy.service.read(mount, chunk, "demand", w, chunk)).filter(Boolean).length;
    expect(hitsOf(c)).toBe(0);
    toy.sim.run();
    toy.service.release(a);
    const b = toy.service.mount("vms.b", 20 * CHUNK, 10, null, toy.service.image("templates.t0", 0, 1, 1));
    expect(hitsOf(b)).toBe(5); // chunks 1, 3, 5, 7, 9 of template t0 survived a's release
  });

  it("service.relocated(mount, chunk) makes the chunk the first to be evicted (cache of 2 chunks, LRU would evict chunk 1)", () => {
    const toy = toyWorld({ cacheChunks: 2, evictRelocatedFirst: true });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "demand", w, 0);
    toy.service.read(toy.mount, 1, "demand", w, 1);
    toy.sim.run();
    expect(toy.service.read(toy.mount, 0, "demand", w, 0)).toBe(true); // 1 is now least recently used
    toy.service.relocated(toy.mount, 0);
    toy.service.read(toy.mount, 2, "demand", w, 2);
    toy.sim.run();
    expect([toy.tracker.classOf(0), toy.tracker.classOf(1), toy.tracker.classOf(2)]).toEqual([undefined, "demand", "demand"]);
  });

  it("without relocation-first eviction the same accesses evict chunk 1 (LRU)", () => {
    const toy = toyWorld({ cacheChunks: 2 });
    const w = waiterLog(toy);
    toy.service.read(toy.mount, 0, "demand", w, 0);
    toy.service.read(toy.mount, 1, "demand", w, 1);
    toy.sim.run();
    toy.service.read(toy.mount, 0, "demand", w, 0);
    toy.service.relocated(toy.mount, 0);
    toy.service.read(toy.mount, 2, "demand", w, 2);
    toy.sim.run();
    expect([toy.tracker.classOf(0), toy.tracker.classOf(1), toy.tracker.classOf(2)]).toEqual(["demand", undefined, "demand"]);
  });

  it("service.mount() gives each mount its own key range and calls prefetcher.onStart with the mount's sink", () => {
    const toy = toyWorld();
    const started: number[] = [];
    const prefetcher: Prefetcher = {
      onStart(time, sink) {
        started.push(time);
        sink(2, 2, "prestage");
      },
      onDemandRead() {},
    };
    const second = toy.service.mount("vm2", 10 * CHUNK, 4, prefetcher);
    toy.sim.run();
    expect([toy.mount.keyBase, second.keyBase, started]).toEqual([0, 4, [0]]);
    expect(toy.storage.log.map((io) => io.offset)).toEqual([12 * CHUNK, 13 * CHUNK]);
    expect([toy.tracker.classOf(6), toy.tracker.classOf(7), toy.tracker.classOf(2)]).toEqual(["prestage", "prestage", undefined]);
  });

  it("service.demandSeen() hands the prefetcher the chunk range and the simulated time in ns, as every hook", () => {
    const toy = toyWorld();
    const seen: [number, number, number][] = [];
    const prefetcher: Prefetcher = {
      onDemandRead(ctx, sink) {
        seen.push([ctx.firstBlock, ctx.blockCount, ctx.time]);
        sink(ctx.firstBlock + ctx.blockCount, 1, "prestage");
      },
      onArrival(first, count, time) {
        seen.push([-first, count, time]);
      },
    };
    toy.mount.prefetcher = prefetcher;
    const io = toyGuestIo(toy);
    submitAt(toy, io, 7 * US, req("R", 0, 2 * CHUNK), []);
    toy.sim.run();
    // Read of chunks 0–1 at 7 µs, then prestage of chunk 2, whose arrival (1 ms later) the
    // prefetcher hears: both times are the kernel's clock, not a count of reads.
    expect(seen).toEqual([
      [0, 2, 7 * US],
      [-2, 1, 7 * US + MS],
    ]);
    expect(chunksOf(toy.storage.log)).toEqual([0, 1, 2]);
  });

  it("a rate-limiting scheduler's held fetch is dispatched when it becomes eligible: one 16 KiB relocation fetch per 10 ms", () => {
    // Token bucket of one chunk at 1 638 400 B/s: a chunk's tokens take 10 ms to come back.
    const toy = toyWorld({ scheduler: "token-bucket", schedulerOptions: { relocationRate: 1_638_400, burst: CHUNK } });
    const w = waiterLog(toy);
    for (const chunk of [0, 1, 2]) toy.service.read(toy.mount, chunk, "relocation", w, chunk);
    toy.sim.run();
    expect(w.log).toEqual([[0, MS, true], [1, 11 * MS, true], [2, 21 * MS, true]]);
  });
});
