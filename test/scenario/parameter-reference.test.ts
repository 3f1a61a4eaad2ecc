import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { definition as oblDefinition } from "../../src/policies/prefetch/obl.ts";
import { definition as profileDefinition } from "../../src/policies/prefetch/profile.ts";
import { componentSection, parameterReference } from "../../src/scenario/parameter-reference.ts";

describe("parameter reference", () => {
  it("docs/parameters.md is parameterReference() (regenerate with `npm run docs:parameters`)", () => {
    expect(readFileSync(join(__dirname, "../../docs/parameters.md"), "utf8")).toBe(parameterReference());
  });

  it("parameterReference() has one section per registered component: 10 cache, 7 prefetch, 5 scheduling, 4 relocation, 6 balancing, 7 devices, the device queues", () => {
    const text = parameterReference();
    const sections = text.split("\n## ").slice(1).map((part) => [part.split("\n")[0], part.split("\n### ").length - 1]);
    expect(sections).toEqual([
      ["Cache policies", 10],
      ["Prefetch policies", 7],
      ["I/O scheduling policies", 5],
      ["Relocation schemes", 4],
      ["Balancing policies", 6],
      ["Devices", 7],
      ["Device queues", 1],
    ]);
  });

  it("componentSection(definition) lists each parameter's type, unit, default and bounds, and the inputs it needs", () => {
    expect(componentSection(oblDefinition).split("\n").slice(4, 7)).toEqual([
      "| parameter | type | unit | default | accepts | meaning |",
      "| --- | --- | --- | --- | --- | --- |",
      `| \`degree\` | integer |  | \`1\` | an integer >= 1 | ${oblDefinition.parameters.degree.description} |`,
    ]);
    expect(componentSection(profileDefinition)).toContain("Needs input `profile`: the VM's operational profile (model.vms.profile).");
  });
});
