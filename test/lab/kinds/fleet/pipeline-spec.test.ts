import { describe, expect, it } from "vitest";
import { pipelineBoots } from "../../../../src/lab/kinds/fleet/pipeline-spec.ts";
import { fleetModel, scenarioDir } from "../../../fleet/pipeline-toy.ts";

describe("pipelineBoots", () => {
  it("pipelineBoots() refuses a byType key that is no host type, a missing trace and a dedup chunk that differs, naming the field", () => {
    const model = fleetModel();
    const block = model.restore!.pipeline!;
    const boots = (change: (b: typeof block) => void) => {
      const copy = structuredClone(block);
      change(copy);
      return () => pipelineBoots(model, copy, scenarioDir);
    };
    expect(boots((b) => (b.vms.byType = { db: { ...b.vms } }))).toThrow("scenario: model.restore.pipeline.vms.byType.db: a host type of the estate (t)");
    expect(boots((b) => (b.vms.trace = "../../traces/none.csv"))).toThrow(/model\.restore\.pipeline\.vms\.trace: an existing file/);
    expect(boots((b) => (b.chunkSize = 2 ** 23))).toThrow("scenario: model.restore.pipeline.mediaAgents.storage.chunkSize: equal to model.restore.pipeline.chunkSize (8388608)");
  });
});
