import { describe, expect, it } from "vitest";
import { modelKinds } from "../../src/lab/kinds.ts";

describe("modelKinds", () => {
  it("knows every built-in kind, each named once, in the order the scenario schema offers them", () => {
    expect(modelKinds.map((kind) => kind.kind)).toEqual(["queue-station", "priority-station", "vm-boot", "fleet", "restore"]);
    expect(new Set(modelKinds.map((kind) => kind.kind)).size).toBe(modelKinds.length);
  });

  it("each kind's schema takes its own `kind` and refuses another's; only restore splits replications into partitions", () => {
    for (const kind of modelKinds) {
      expect(kind.description.length).toBeGreaterThan(0);
      for (const other of modelKinds) {
        if (other === kind) continue;
        const issues = kind.schema.safeParse({ kind: other.kind }).error?.issues ?? [];
        expect(issues.some((issue) => issue.path.join(".") === "kind")).toBe(true);
      }
      const own = kind.schema.safeParse({ kind: kind.kind }).error?.issues ?? [];
      expect(own.some((issue) => issue.path.join(".") === "kind")).toBe(false);
    }
    expect(modelKinds.filter((kind) => kind.partitions !== undefined).map((kind) => kind.kind)).toEqual(["restore"]);
  });
});
