import { describe, expect, it } from "vitest";
import { assignGroups } from "../../src/fleet/groups.ts";

describe("assignGroups", () => {
  it("assignGroups(groups, vsas) gives each group its own VSA, then extra VSAs to the heaviest per VSA", () => {
    const plan = assignGroups(
      [{ key: "win/a", site: "a", bytes: 30 }, { key: "sql/a", site: "a", bytes: 10 }],
      [{ id: "v0", site: "a", hostGroup: "win/a" }, { id: "v1", site: "a", hostGroup: "win/a" }, { id: "v2", site: "a", hostGroup: "sql/a" }],
    );
    expect([...plan]).toEqual([["v0", ["win/a"]], ["v1", ["win/a"]], ["v2", ["sql/a"]]]);
  });

  it("assignGroups() hands a site without VSAs to the VSA with the fewest bytes assigned", () => {
    const plan = assignGroups(
      [{ key: "win/a", site: "a", bytes: 30 }, { key: "win/b", site: "b", bytes: 5 }, { key: "sql/a", site: "a", bytes: 10 }],
      [{ id: "v0", site: "a", hostGroup: "win/a" }, { id: "v1", site: "a", hostGroup: "sql/a" }],
    );
    expect([...plan]).toEqual([["v0", ["win/a"]], ["v1", ["sql/a", "win/b"]]]);
  });
});
