import { describe, expect, it } from "vitest";
import { relocationProgress } from "../../../src/report/charts/relocation-progress.ts";
import { countMarks, encodingOf, renderClean } from "./svg-marks.ts";

const times = [0, 60, 120, 180];

describe("relocationProgress", () => {
  it("relocationProgress(rows of 3 strategies) renders 3 lines titled in percent copied", async () => {
    const rows = ["seq", "hot", "lazy"].flatMap((strategy, s) =>
      times.map((timeS) => ({ timeS, fractionCopied: Math.min(1, timeS / (100 * (s + 1))), strategy })),
    );
    const spec = relocationProgress(rows);
    expect(spec.title).toBe("Relocation progress");
    expect(encodingOf(spec).y.title).toBe("Copied (%)");
    expect(countMarks(await renderClean(spec), "line mark")).toBe(3);
  });

  it("relocationProgress(rows, { title }) uses the given title", () => {
    expect(relocationProgress([{ timeS: 0, fractionCopied: 1 }], { title: "Run 7" }).title).toBe("Run 7");
  });
});
