import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/report/csv.ts";

describe("toCsv", () => {
  it("toCsv(rows) writes a header and one line per row", () => {
    expect(toCsv([{ metric: "wait", value: 1.5 }, { metric: "util", value: 0.8 }])).toBe("metric,value\nwait,1.5\nutil,0.8\n");
  });
  it("toCsv(rows, columns) keeps the given column order and quotes commas", () => {
    expect(toCsv([{ b: "x,y", a: 1 }], ["a", "b"])).toBe('a,b\n1,"x,y"\n');
  });
});
