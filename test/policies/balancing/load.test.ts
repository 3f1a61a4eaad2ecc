import { describe, expect, it } from "vitest";
import { BY_PARAMETER, hasFreeStream, leastLoaded, leastLoadedPreferFree, loadOf } from "../../../src/policies/balancing/load.ts";
import { vsa } from "./helpers.ts";

describe("balancing load", () => {
  it("loadOf(vsa, by) is (open + queued) / slots for streams and bytes / rate (s) for bytes", () => {
    const v = vsa("v", { openStreams: 2, queuedTasks: 2, slots: 4, bytesQueued: 8e9, rate: 4e8 });
    expect([loadOf(v, "streams"), loadOf(v, "bytes")]).toEqual([1, 20]);
    expect(loadOf(vsa("w", { openStreams: 3, queuedTasks: 0, slots: 8 }), "streams")).toBe(0.375);
  });

  it("hasFreeStream(vsa) is open + queued < slots", () => {
    expect(hasFreeStream(vsa("a", { openStreams: 3, queuedTasks: 0, slots: 4 }))).toBe(true);
    expect(hasFreeStream(vsa("b", { openStreams: 3, queuedTasks: 1, slots: 4 }))).toBe(false);
    expect(hasFreeStream(vsa("c", { openStreams: 0, queuedTasks: 5, slots: 4 }))).toBe(false);
  });

  it("leastLoaded() picks the minimum, the first on ties, undefined for none", () => {
    const a = vsa("a", { bytesQueued: 2e8 });
    const b = vsa("b", { bytesQueued: 1e8 });
    const c = vsa("c", { bytesQueued: 1e8 });
    expect(leastLoaded([a, b, c], "bytes")?.id).toBe("b");
    expect(leastLoaded([c, b], "bytes")?.id).toBe("c");
    expect(leastLoaded([], "bytes")).toBeUndefined();
  });

  it("leastLoadedPreferFree() prefers a free stream over fewer bytes, and falls back to all when none is free", () => {
    const busy = vsa("busy", { openStreams: 4, slots: 4, bytesQueued: 0 });
    const free = vsa("free", { openStreams: 1, slots: 4, bytesQueued: 9e9 });
    expect(leastLoadedPreferFree([busy, free], "bytes")?.id).toBe("free");
    const busier = vsa("busier", { openStreams: 4, slots: 4, bytesQueued: 5e9 });
    expect(leastLoadedPreferFree([busier, busy], "bytes")?.id).toBe("busy");
  });

  it("BY_PARAMETER declares streams and bytes, default bytes", () => {
    expect([BY_PARAMETER.default, BY_PARAMETER.enum]).toEqual(["bytes", ["streams", "bytes"]]);
  });
});
