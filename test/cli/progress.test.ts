import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgress } from "../../src/cli/progress.ts";

describe("createProgress", () => {
  let written: string[];
  const savedCi = process.env.CI;
  const savedTty = process.stderr.isTTY;

  beforeEach(() => {
    written = [];
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    delete process.env.CI;
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    Object.defineProperty(process.stderr, "isTTY", { value: savedTty, configurable: true });
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
  });

  it("progress.update(fraction) draws a 24-wide bar with the percentage, elapsed time and an ETA from the rate since the first report, at most every 200 ms, and done() clears the line", () => {
    const progress = createProgress("mm1", { delayMs: 1000 });
    vi.setSystemTime(500);
    progress.update(0.1); // within the 1 s delay: nothing
    vi.setSystemTime(4000);
    progress.update(0.25, "rep 1/4");
    vi.setSystemTime(4100);
    progress.update(0.3); // 100 ms after the last draw: nothing
    vi.setSystemTime(8000);
    progress.update(0.5);
    progress.done();
    // Rate from the first report (10% at 0.5 s): 15 points in 3.5 s leave 75 for 17.5 s; then 40 in 7.5 s leave 50 for 9.4 s.
    expect(written).toEqual([
      "\rmm1 [######------------------] 25% rep 1/4 (4s, ETA 18s)\x1b[K",
      "\rmm1 [############------------] 50% (8s, ETA 9s)\x1b[K",
      "\r\x1b[K",
    ]);
  });

  it("progress.update() leaves the time before the first report (loading, starting workers) out of the ETA", () => {
    const progress = createProgress("fleet", { delayMs: 1000 });
    vi.setSystemTime(6000);
    progress.update(0); // the run's first report, after 6 s of start-up: no rate yet, no ETA
    vi.setSystemTime(8000);
    progress.update(0.2); // 20% in 2 s: 8 s to go, not 32 s
    expect(written).toEqual(["\rfleet [------------------------] 0% (6s)\x1b[K", "\rfleet [#####-------------------] 20% (8s, ETA 8s)\x1b[K"]);
  });

  it("createProgress is silent under CI, with quiet, or when stderr is not a terminal, and done() then writes nothing", () => {
    const cases: Array<() => ReturnType<typeof createProgress>> = [
      () => ((process.env.CI = "true"), createProgress("a", { delayMs: 0 })),
      () => ((process.env.CI = ""), createProgress("b", { delayMs: 0, quiet: true })),
      () => (Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true }), createProgress("c", { delayMs: 0 })),
    ];
    for (const make of cases) {
      const progress = make();
      vi.setSystemTime(Date.now() + 5000);
      progress.update(0.5);
      progress.done();
    }
    expect(written).toEqual([]);
  });
});
