import { describe, expect, it } from "vitest";
import { queueStationKind } from "../../src/lab/kinds/queue-station.ts";
import { buildScenarioSchema, scenarioJsonSchema, SCENARIO_VERSION } from "../../src/scenario/schema.ts";

const kinds = [queueStationKind];
const model = { kind: "queue-station", arrival: { distribution: "exponential", mean: "1.25ms" }, service: { distribution: "exponential", mean: "1ms" } };

describe("scenario schema", () => {
  it("buildScenarioSchema(kinds) fills seed 1 and 1 replication and validates the model by its kind", () => {
    const parsed = buildScenarioSchema(kinds).parse({ version: SCENARIO_VERSION, name: "mm1", model });
    expect([parsed.seed, parsed.replications, parsed.model.kind]).toEqual([1, 1, "queue-station"]);
    expect((parsed.model as { arrival: unknown }).arrival).toEqual({ distribution: "exponential", mean: 1.25e6 });
  });

  it("buildScenarioSchema(kinds) rejects an unknown kind, a bad name, an unknown top-level key and version 2", () => {
    const schema = buildScenarioSchema(kinds);
    const base = { version: 1, name: "mm1", model };
    expect(schema.safeParse({ ...base, model: { kind: "mm" } }).success).toBe(false);
    expect(schema.safeParse({ ...base, name: "../x" }).error?.issues[0].message).toBe("a name of letters, digits, '.', '_' or '-' (at most 80)");
    expect(schema.safeParse({ ...base, name: "a".repeat(81) }).success).toBe(false);
    expect(schema.safeParse({ ...base, seeds: 3 }).success).toBe(false);
    expect(schema.safeParse({ ...base, version: 2 }).success).toBe(false);
    expect(schema.safeParse({ ...base, variants: [{ name: "two", set: { "model.servers": 2 } }] }).success).toBe(true);
  });

  it("scenarioJsonSchema(kinds) is draft 2020-12 with rtolab's id, version 1 and the kind's fields", () => {
    const json = scenarioJsonSchema(kinds) as { $schema: string; $id: string; title: string; properties: Record<string, { const?: number }>; required: string[] };
    expect([json.$schema, json.$id, json.title]).toEqual(["https://json-schema.org/draft/2020-12/schema", "https://rtolab.dev/schema/scenario-v1.json", "rtolab scenario"]);
    expect(json.properties.version.const).toBe(1);
    expect(json.required).toEqual(["version", "name", "model"]);
    expect(JSON.stringify(json.properties.model)).toContain('"queue-station"');
  });
});
