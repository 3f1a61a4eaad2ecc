import { describe, expect, it } from "vitest";
import { GroupingBalancer } from "../../../src/policies/balancing/grouping.ts";
import { task, vsa } from "./helpers.ts";

describe("GroupingBalancer", () => {
  const inGroup = vsa("g", { groups: ["win/a.dc0"], openStreams: 3, bytesQueued: 3e9 });
  const sameSite = vsa("s");
  const remote = vsa("r", { site: "b" });

  it("grouping.choose() prefers the task's group, then its site, then any", () => {
    const policy = new GroupingBalancer();
    expect(policy.choose(task(), [remote, sameSite, inGroup])).toBe("g");
    expect(policy.choose(task(), [remote, sameSite])).toBe("s");
    expect(policy.choose(task(), [remote])).toBe("r");
    expect(policy.choose(task(), [])).toBeUndefined();
  });

  it("grouping.choose() stays in the group when its VSAs are full: free first, else least loaded of the group", () => {
    const policy = new GroupingBalancer();
    const fullGroup = { ...inGroup, openStreams: 4 };
    const fullLighter = vsa("g2", { groups: ["win/a.dc0"], openStreams: 4, bytesQueued: 1e9 });
    expect(policy.choose(task(), [sameSite, fullGroup, fullLighter])).toBe("g2");
    const freeHeavier = vsa("g3", { groups: ["win/a.dc0"], openStreams: 1, bytesQueued: 8e9 });
    expect(policy.choose(task(), [fullLighter, freeHeavier])).toBe("g3");
  });

  it("grouping.choose() matches the whole group name: another type's group falls back to the site", () => {
    const sqlOnly = vsa("sql", { groups: ["sql/a.dc0"] });
    expect(new GroupingBalancer().choose(task(), [remote, sqlOnly])).toBe("sql");
    expect(new GroupingBalancer().choose(task({ site: "b" }), [sqlOnly, remote])).toBe("r");
  });
});
