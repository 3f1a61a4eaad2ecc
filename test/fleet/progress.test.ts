import { describe, expect, it } from "vitest";
import { phaseProgress, type TaskProgressView } from "../../src/fleet/progress.ts";

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
});
