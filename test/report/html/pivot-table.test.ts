import { describe, expect, it } from "vitest";
import { cellText, formatValue, pivotTableHtml } from "../../../src/report/html/pivot-table.ts";

describe("formatValue", () => {
  it("formatValue(x) prints 4 significant digits, integers in full", () => {
    expect([0.123456, 1234567, 2.5, 1 / 3, Number.NaN, 12.0001].map(formatValue)).toEqual(["0.1235", "1234567", "2.5", "0.3333", "NaN", "12"]);
  });
});

describe("cellText", () => {
  it("cellText(cell) rounds mean and half-width to the CI's precision (PDG rule), as rtolab compare does", () => {
    expect(cellText({ value: 4.03712, halfWidth: 0.06546 })).toBe("4.04 ± 0.07");
    expect(cellText({ value: 4.03712, halfWidth: 0.0346 })).toBe("4.037 ± 0.035");
    expect(cellText({ value: 12345, halfWidth: 340 })).toBe("12350 ± 340");
    expect(cellText({ value: 200000, halfWidth: 0 })).toBe("200000");
    expect(cellText({ value: 3.2, halfWidth: 6.9e-15 })).toBe("3.2"); // rounding noise: no "± 6.9e-15"
  });

  it("cellText(cell with a model band) brackets the band at the value's precision, or 4 significant digits without a CI", () => {
    expect(cellText({ value: 44.3112, halfWidth: 0.4123, band: [43.7213, 44.6422] })).toBe("44.3 ± 0.4 [43.7–44.6]");
    expect(cellText({ value: 228.52, band: [228.41, 228.6] })).toBe("228.5 [228.4–228.6]");
  });
});

describe("pivotTableHtml", () => {
  it("pivotTableHtml(table) writes label columns, a column per entry, blank cells, references and a caption naming CI and band", () => {
    const html = pivotTableHtml({
      labelHeaders: ["Metric", "Unit"],
      columns: ["fifo", "priority"],
      rows: [
        { labels: ["waitMean", "ms"], cells: [{ value: 4.037, halfWidth: 0.065, reference: { label: "analytic", value: 4 } }, undefined], description: "time in queue" },
        { labels: ["tts", "s"], cells: [{ value: 40, band: [38, 45] }, { value: "n/a" }] },
      ],
    });
    expect(html.split("\n")).toEqual([
      '<table class="pivot">',
      "<caption>mean ± half-width of the 95% confidence interval over replications, rounded to its precision; [model band]: the value under the two extreme readings of the replayed trace&#39;s dependencies (docs/replay.md)</caption>",
      '<thead><tr><th>Metric</th><th>Unit</th><th class="num">fifo</th><th class="num">priority</th></tr></thead>',
      "<tbody>",
      '<tr><th scope="row" title="time in queue">waitMean</th><td>ms</td><td class="num">4.04 ± 0.07<br><span class="ref">analytic 4</span></td><td class="num"></td></tr>',
      '<tr><th scope="row">tts</th><td>s</td><td class="num">40 [38–45]</td><td class="num">n/a</td></tr>',
      "</tbody>",
      "</table>",
    ]);
  });
});
