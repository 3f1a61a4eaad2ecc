import { describe, expect, it } from "vitest";
import { compileChart } from "../../../src/report/charts/render.ts";
import { MAX_BANDED_VMS, ttsDistribution } from "../../../src/report/charts/tts-distribution.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

// Strategy a: 1..9 plus an outlier at 100 (IQR 3..7, upper fence 13); b: 20..28, no outlier.
const rows = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((ttsSeconds) => ({ strategy: "a", ttsSeconds })),
  ...[20, 21, 22, 23, 24, 25, 26, 27, 28].map((ttsSeconds) => ({ strategy: "b", ttsSeconds })),
  ...[40, 41, 42].map((ttsSeconds) => ({ strategy: "c", ttsSeconds })),
];

describe("ttsDistribution", () => {
  it("ttsDistribution(rows) is a 1.5 IQR box plot with strategies in first-seen order", () => {
    const spec = ttsDistribution(rows);
    expect(spec.title).toBe("Time to service by strategy");
    expect((spec as { mark?: unknown }).mark).toEqual({ type: "boxplot", extent: 1.5, size: 36 });
    const encoding = encodingOf(spec);
    expect(encoding.x.sort).toEqual(["a", "b", "c"]);
    expect(encoding.y.title).toBe("Time to service (s)");
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("ttsDistribution(3 strategies) renders one box, two whiskers per strategy and the one outlier", async () => {
    const svg = await renderClean(ttsDistribution(rows));
    expect(countMarks(svg, "box")).toBe(3);
    const whiskers = svg.match(/class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/g) ?? [];
    expect(whiskers.map((group) => (group.match(/<line/g) ?? []).length)).toEqual([3, 3]);
    expect(countMarks(svg, "point")).toBe(1);
  });

  it("ttsDistribution(rows, { title }) uses the given title", () => {
    expect(ttsDistribution(rows, { title: "TTS, 30 replications" }).title).toBe("TTS, 30 replications");
  });

  it("ttsDistribution(rows with bands) layers each VM's model band beside its strategy's box", async () => {
    // vm3 of "profile" is an outlier (a box plot with none warns of an empty outlier extent).
    const banded = ["lazy", "profile"].flatMap((strategy, s) =>
      [0, 1, 2, 3].map((i) => ({ strategy, vm: `0/vm${i}`, ttsSeconds: 40 + 5 * s + (s === 1 && i === 3 ? 60 : i), lower: 38 + 5 * s + i, upper: 44 + 5 * s + i })),
    );
    const spec = ttsDistribution(banded);
    expect(spec.title).toEqual({ text: "Time to service by strategy", subtitle: "black error bars: model band (the replay's lower and upper readings)" });
    const layers = (spec as unknown as { layer: { mark: { type: string }; encoding: Record<string, { field?: string; sort?: unknown }> }[] }).layer;
    expect(layers.map((layer) => layer.mark.type)).toEqual(["boxplot", "errorbar"]);
    expect(layers[1].encoding.xOffset).toEqual({ field: "vm", type: "nominal", sort: ["0/vm0", "0/vm1", "0/vm2", "0/vm3"] });
    expect((spec.data as { values: unknown[] }).values[5]).toEqual({ strategy: "profile", ttsSeconds: 46, vm: "0/vm1", bandLow: 44, bandHigh: 50, banded: 1 });
    expect(compileChart(spec).warnings).toEqual([]);
    const svg = await renderClean(spec);
    expect(svg).toBe(await renderClean(ttsDistribution(banded)));
    expect(countMarks(svg, "box")).toBe(2);
  });
  it("ttsDistribution(1,000 banded VMs) draws the box plot alone: one slot per VM only up to MAX_BANDED_VMS (64)", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ strategy: "profile", vm: `vm${i}`, ttsSeconds: 40 + (i % 10), lower: 39, upper: 50 }));
    const spec = ttsDistribution(rows) as { layer?: unknown[]; mark?: { type: string } };
    expect([MAX_BANDED_VMS, spec.layer, spec.mark?.type]).toEqual([64, undefined, "boxplot"]);
    expect((ttsDistribution(rows.slice(0, 64)) as { layer?: unknown[] }).layer).toHaveLength(2);
    expect(() => compileChart(ttsDistribution(rows))).not.toThrow();
  });
});
