import { describe, expect, it } from "vitest";
import { LatencyCollector, LatencyHistogram, PHASE_BEFORE_READY, PHASE_RELOCATING, PHASE_SWITCHED, RelocationProgress, PHASE_AFTER_READY } from "../../src/restore/metrics.ts";

describe("restore metrics", () => {
  it("latencyHistogram.record() keeps count, sum and the exact maximum; percentile() is within 1% and capped at the maximum", () => {
    const h = new LatencyHistogram();
    for (const ms of [1, 2, 3, 4]) h.record(ms * 1e6);
    expect([h.count, h.sum, h.max]).toEqual([4, 10e6, 4e6]);
    expect(Math.abs(h.percentile(0.5) / 2e6 - 1)).toBeLessThan(0.01);
    expect(Math.abs(h.percentile(0.25) / 1e6 - 1)).toBeLessThan(0.01);
    expect(h.percentile(1)).toBeLessThanOrEqual(4e6);
    expect(Math.abs(h.percentile(1) / 4e6 - 1)).toBeLessThan(0.01);
  });

  it("latencyHistogram.percentile() is 0 when empty and 1 µs (the floor) for sub-µs latencies", () => {
    const h = new LatencyHistogram();
    expect(h.percentile(0.5)).toBe(0);
    h.record(500);
    h.record(1_000);
    // Bin 0 reports the 1 µs floor, capped at the maximum (1 µs).
    expect([h.percentile(0.5), h.percentile(0.99), h.max]).toEqual([1_000, 1_000, 1_000]);
  });

  it("latencyCollector.record() files a read under its source, every phase bit set, and its issue window", () => {
    const c = new LatencyCollector(1e9);
    c.record(0.5e9, 5e6, "secondary", PHASE_BEFORE_READY | PHASE_RELOCATING);
    c.record(2.5e9, 1e6, "primary", PHASE_SWITCHED | PHASE_AFTER_READY);
    c.record(2.6e9, 3e6, "cache", PHASE_RELOCATING | PHASE_AFTER_READY);
    expect([c.overall.count, c.bySource.secondary.count, c.bySource.primary.count, c.bySource.cache.count, c.bySource.writeArea.count]).toEqual([3, 1, 1, 1, 0]);
    expect([c.byPhase.beforeServiceReady.count, c.byPhase.duringRelocation.count, c.byPhase.afterSwitchOver.count, c.byPhase.afterServiceReady.count]).toEqual([1, 2, 1, 2]);
    expect(c.byPhase.afterServiceReady.max).toBe(3e6);
    expect(c.byPhase.duringRelocation.max).toBe(5e6);
    const rows = c.windowRows();
    expect(rows.map((r) => [r.timeS, r.count, r.maxMs])).toEqual([
      [0, 1, 5],
      [2, 2, 3],
    ]);
  });

  it("relocationProgress.add() samples the copied fraction at the end of each window", () => {
    const p = new RelocationProgress(1e9, 100);
    p.add(0, 10);
    p.add(1.5e9, 40);
    p.add(1.9e9, 25);
    p.add(3e9, 25);
    expect(p.rows()).toEqual([
      { timeS: 1, fractionCopied: 0.1 },
      { timeS: 2, fractionCopied: 0.75 },
      { timeS: 3, fractionCopied: 1 },
    ]);
  });
  it("latencyCollector.hitRatioRows() gives the cache's share of media-agent reads per window", () => {
    const c = new LatencyCollector(1e9);
    c.record(0.5e9, 1e5, "cache", PHASE_BEFORE_READY);
    c.record(0.7e9, 5e6, "secondary", PHASE_BEFORE_READY);
    c.record(0.9e9, 1e5, "cache", PHASE_BEFORE_READY);
    c.record(2.1e9, 2e5, "primary", PHASE_SWITCHED); // not a media-agent read: no row for window 2
    c.record(3.2e9, 1e5, "cache", PHASE_RELOCATING);
    expect(c.hitRatioRows()).toEqual([
      { timeS: 0, hitRatio: 2 / 3 },
      { timeS: 3, hitRatio: 1 },
    ]);
  });

  it("latencyCollector.merge() of two collectors' states equals one collector recording every read", () => {
    const reads: [number, number, "cache" | "secondary" | "primary" | "writeArea", number][] = [];
    for (let i = 0; i < 400; i++) reads.push([i * 0.037e9, ((i * 7919) % 997) * 1e5 + 1_000, (["cache", "secondary", "primary", "writeArea"] as const)[i % 4], (i % 7) & 7]);
    const one = new LatencyCollector(1e9);
    const [even, odd] = [new LatencyCollector(1e9), new LatencyCollector(1e9)];
    reads.forEach((read, i) => {
      one.record(...read);
      (i % 2 === 0 ? even : odd).record(...read);
    });
    const merged = new LatencyCollector(1e9);
    merged.merge(odd.state());
    merged.merge(even.state());
    expect(merged.windowRows()).toEqual(one.windowRows());
    expect(merged.hitRatioRows()).toEqual(one.hitRatioRows());
    expect(merged.state()).toEqual(one.state());
    expect([merged.overall.percentile(0.99), merged.overall.max, merged.overall.count]).toEqual([one.overall.percentile(0.99), one.overall.max, 400]);
    expect(() => merged.merge(new LatencyCollector(2e9).state())).toThrow("latency windows differ");
  });

  it("relocationProgress.merge() adds bytes per window: the rows of one progress fed every copy", () => {
    const one = new RelocationProgress(1e9, 1000);
    const [a, b] = [new RelocationProgress(1e9, 1000), new RelocationProgress(1e9, 1000)];
    for (const [at, bytes, into] of [[0.2e9, 100, a], [0.7e9, 50, b], [1.5e9, 200, a], [3.1e9, 150, b], [3.2e9, 500, b]] as const) {
      one.add(at, bytes);
      into.add(at, bytes);
    }
    const merged = new RelocationProgress(1e9, 1000);
    merged.merge(b.state());
    merged.merge(a.state());
    expect(merged.rows()).toEqual(one.rows());
    expect(one.rows()).toEqual([
      { timeS: 1, fractionCopied: 0.15 },
      { timeS: 2, fractionCopied: 0.35 },
      { timeS: 4, fractionCopied: 1 },
    ]);
  });
});
