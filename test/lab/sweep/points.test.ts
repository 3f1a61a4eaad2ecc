import { describe, expect, it } from "vitest";
import { assignments, fieldCell, pointId, siColumns, sweepCombinations } from "../../../src/lab/sweep/points.ts";

describe("sweep points", () => {
  it("sweepCombinations({ grid }) varies the last field fastest", () => {
    expect(sweepCombinations({ grid: { a: [1, 2], b: ["x", "y"] } }, "s.yaml")).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
    ]);
  });

  it("sweepCombinations({ list }) keeps the list order", () => {
    expect(sweepCombinations({ list: [{ "model.servers": 4 }, { "model.servers": 1 }] }, "s.yaml")).toEqual([{ "model.servers": 4 }, { "model.servers": 1 }]);
  });

  it("sweepCombinations() rejects a field the sweep itself sets, naming it", () => {
    expect(() => sweepCombinations({ grid: { seed: [1, 2] } }, "s.yaml")).toThrow("s.yaml: sweep.grid.seed: a model field (seed is set by the sweep itself)");
    expect(() => sweepCombinations({ list: [{ "model..x": 1 }] }, "s.yaml")).toThrow(/s.yaml: sweep.list\[0\].model..x: a field path/);
  });

  it("assignments(values) writes --set assignments with JSON values", () => {
    expect(assignments({ "model.servers": 2, "model.arrival.mean": "1ms", "model.disk": { device: "hdd" } })).toEqual([
      "model.servers=2",
      'model.arrival.mean="1ms"',
      'model.disk={"device":"hdd"}',
    ]);
  });

  it("pointId(index, total) pads to at least four digits", () => {
    expect(pointId(7, 12)).toBe("p0007");
    expect(pointId(12345, 20000)).toBe("p12345");
    expect(pointId(3, 100000)).toBe("p00003");
  });

  it("fieldCell(value) keeps numbers and strings, writes objects as JSON", () => {
    expect(fieldCell("2ms")).toBe("2ms");
    expect(fieldCell(4)).toBe(4);
    expect(fieldCell({ device: "hdd" })).toBe('{"device":"hdd"}');
  });

  it("siColumns() adds <field>_s, _bytes or _bytes_per_s for fields written with one kind of unit, none for numbers, objects or mixed kinds", () => {
    const points = [
      { t: "1.5s", c: "64MiB", r: "10Gbit/s", n: 4, o: { device: "hdd" }, m: "1ms" },
      { t: "250us", c: "1GB", r: "500MB/s", n: 8, o: { device: "ssd" }, m: "4KiB" },
      { n: 16 },
    ];
    const columns = siColumns(["t", "c", "r", "n", "o", "m"], points);
    expect(columns.map((c) => c.column)).toEqual(["t_s", "c_bytes", "r_bytes_per_s"]);
    expect(points.map((p) => columns.map((c) => c.cell(p)))).toEqual([
      [1.5, 64 * 2 ** 20, 1.25e9],
      [0.00025, 1e9, 5e8],
      ["", "", ""],
    ]);
  });
});
