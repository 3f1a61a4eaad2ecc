import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/fleet/estate.ts";
import { phaseProgress, phaseWeights, type TaskProgressView } from "../../src/fleet/progress.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { toySpec } from "./toy.ts";

const flow = (bytes: number, bytesDone: number, completions = 0): TaskProgressView => ({ bytes, bytesDone, completions, live: null });
const pipeline = (bytes: number, progress: number, completions = 0): TaskProgressView => ({ bytes, bytesDone: bytes, completions, live: { attempt: { progress: () => progress } } });

describe("phaseProgress", () => {
  it("phaseProgress(tasks) is the share of the tasks' bytes moved, a completed task counting all of its bytes", () => {
    expect(phaseProgress([flow(1e9, 0), flow(3e9, 0)])).toBe(0);
    expect(phaseProgress([flow(1e9, 5e8), flow(3e9, 0)])).toBe(0.125);
    // Moved but not complete (its think time running) counts its bytes; complete counts them all.
    expect(phaseProgress([flow(1e9, 1e9), flow(3e9, 3e9, 1)])).toBe(1);
    expect(phaseProgress([flow(1e9, 0, 1), flow(3e9, 3e9)])).toBe(1);
  });

  it("phaseProgress() reads a pipeline restore's running attempt, not bytesDone (set whole at power-on)", () => {
    // A powered-on live mount a quarter through its boot, beside a finished 1 GB restore.
    expect(phaseProgress([pipeline(3e9, 0.25), pipeline(1e9, 1, 1)])).toBe((0.75e9 + 1e9) / 4e9);
    // An aborted attempt (live null, bytesDone reset to 0) has moved nothing.
    expect(phaseProgress([flow(3e9, 0), pipeline(1e9, 0.5)])).toBe(0.125);
  });

  it("phaseProgress() counts completed tasks when no task has bytes, and is 1 without tasks", () => {
    expect(phaseProgress([flow(0, 0, 1), flow(0, 0), flow(0, 0), flow(0, 0, 1)])).toBe(0.5);
    expect(phaseProgress([])).toBe(1);
  });

  it("phaseWeights() weighs the phases by their estimated events: 3 per task and 3 per chunk, or the pipeline's restoreEvents(vm)", () => {
    // The toy: 4 VMs with one 10 GB disk, 1 GB changed; chunks of 100 MB.
    const spec = toySpec({ chunk: 1e8, restore: { vms: 2, mode: "full", mountTime: 0, serviceReady: 0 } });
    const estate = generateEstate(spec, new RngStreams("1/0"));
    // Backup 4 × (3 + 10 × 3) = 132; full restore of 2 VMs, 2 × (3 + 100 × 3) = 606.
    expect(phaseWeights(spec, estate)).toEqual({ backup: 132 / 738, restore: 606 / 738 });
    // Instant: the 1 GB boot working set, 2 × 33.
    expect(phaseWeights({ ...spec, restore: { ...spec.restore!, mode: "instant" } }, estate)).toEqual({ backup: 132 / 198, restore: 66 / 198 });
    // A pipeline restore: what the pipeline's builder estimates per VM (here 1,000 events).
    const pipelined = { ...spec, restore: { ...spec.restore!, pipeline: {} } };
    expect(phaseWeights(pipelined, estate, () => 1_000)).toEqual({ backup: 132 / 2_132, restore: 2_000 / 2_132 });
    expect(phaseWeights({ ...spec, restore: undefined }, estate)).toEqual({ backup: 1, restore: 0 });
  });
});
