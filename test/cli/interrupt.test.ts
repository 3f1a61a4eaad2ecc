import { afterEach, describe, expect, it } from "vitest";
import { holdSignalsFromHere, SIGNAL_EXIT_CODES } from "../../src/cli/interrupt.ts";

describe("holdSignalsFromHere", () => {
  const removeListeners = () => {
    for (const signal of ["SIGHUP", "SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
  };
  afterEach(removeListeners);

  it("holdSignalsFromHere(saved) reports what was saved and exits 130 on SIGINT, 143 on SIGTERM, 129 on SIGHUP", () => {
    expect(SIGNAL_EXIT_CODES).toEqual({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      const lines: string[] = [];
      const codes: number[] = [];
      let saved = "nothing saved";
      holdSignalsFromHere(() => saved, { exit: (code) => codes.push(code), write: (line) => lines.push(line) });
      saved = "results saved in results/mm1/s7-ab12";
      process.emit(signal);
      expect(lines).toEqual([`rtolab: interrupted by ${signal}; results saved in results/mm1/s7-ab12\n`]);
      expect(codes).toEqual([SIGNAL_EXIT_CODES[signal]]);
      removeListeners();
    }
  });

  it("holdSignalsFromHere() answers the first signal only (Ctrl-C reaches the launcher and the CLI)", () => {
    const lines: string[] = [];
    const codes: number[] = [];
    holdSignalsFromHere(() => "nothing saved", { exit: (code) => codes.push(code), write: (line) => lines.push(line) });
    process.emit("SIGINT");
    process.emit("SIGINT");
    process.emit("SIGTERM");
    expect(lines).toEqual(["rtolab: interrupted by SIGINT; nothing saved\n"]);
    expect(codes).toEqual([130]);
    expect(process.listenerCount("SIGINT")).toBe(1);
  });
});
