import { describe, expect, it } from "vitest";
import { listOption } from "../../../src/cli/commands/list-option.ts";

describe("listOption", () => {
  it("listOption() splits repeated comma-separated values, trims them and drops empty items", () => {
    expect(listOption(["lru,arc", "fifo"])).toEqual(["lru", "arc", "fifo"]);
    expect(listOption([" lru , ,arc,", 64])).toEqual(["lru", "arc", "64"]);
    expect(listOption([])).toEqual([]);
  });
});
