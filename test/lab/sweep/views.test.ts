import { describe, expect, it } from "vitest";
import { numericAxis } from "../../../src/lab/sweep/views.ts";

describe("sweep views", () => {
  it("numericAxis(field, durations) reads them in the largest fitting unit", () => {
    const axis = numericAxis("model.arrival.mean", ["1ms", "2.5ms", "500us"]);
    expect(axis?.title).toBe("model.arrival.mean (ms)");
    expect(axis?.value("500us")).toBe(0.5);
  });

  it("numericAxis(field, sizes) reads binary sizes", () => {
    expect(numericAxis("model.cache", ["512MiB", "2GiB"])?.title).toBe("model.cache (GiB)");
  });

  it("numericAxis(field, numbers) keeps the field name; words give no axis", () => {
    expect(numericAxis("model.servers", [1, 2])?.title).toBe("model.servers");
    expect(numericAxis("model.policy", ["lru", "arc"])).toBeUndefined();
  });
});
