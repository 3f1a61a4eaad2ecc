import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import yargs from "yargs";
import { profileCommand, traceWithCut } from "../../../src/cli/commands/profile.ts";
import { isInputError } from "../../../src/util/errors.ts";
import { loadProfile } from "../../../src/workloads/profile/serialize.ts";
import { rtolabSync } from "../../robustness/cli-child.ts";

/** Runs `rtolab profile ...args` in this process; resolves to what it printed, or rejects with its error. */
async function profile(...args: string[]): Promise<string[]> {
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
  try {
    await profileCommand(yargs(["profile", ...args]).exitProcess(false).fail((message, error) => {
      throw error ?? new Error(message);
    })).parseAsync();
  } finally {
    log.mockRestore();
  }
  return printed;
}

async function inputError(run: Promise<unknown>): Promise<string> {
  const error: unknown = await run.then(() => undefined, (thrown: unknown) => thrown);
  expect(isInputError(error)).toBe(true);
  return (error as Error).message;
}

// Two boots of a toy guest (t_us, op, offset, length): the first reads blocks 0, 1 and 5 (the read
// of block 5 at 900 µs, after a service-ready cut at 500 µs), the second reads blocks 1, 2 and 3.
const BOOT_A = "t_us,op,offset,length\n0,R,0,8192\n100,W,40960,4096\n900,R,20480,4096\n";
const BOOT_B = "t_us,op,offset,length\n0,R,4096,12288\n";

describe("traceWithCut", () => {
  it("traceWithCut() splits FILE@CUT_US at the last @; a FILE alone has no cut", () => {
    expect(traceWithCut("traces/boot0.csv@31187961")).toEqual({ file: "traces/boot0.csv", cutAtUs: 31187961 });
    expect(traceWithCut("runs/a@b.csv@0")).toEqual({ file: "runs/a@b.csv", cutAtUs: 0 });
    expect(traceWithCut("traces/boot0.csv")).toEqual({ file: "traces/boot0.csv" });
  });

  it("traceWithCut() refuses a cut that is not a non-negative integer of µs, naming the argument", () => {
    for (const argument of ["t.csv@-1", "t.csv@1.5", "t.csv@", "t.csv@31s", "t.csv@0x10", "t.csv@1e3", "t.csv@ 5"]) {
      expect(() => traceWithCut(argument)).toThrow(`${argument}: FILE or FILE@CUT, CUT the service-ready time in µs (an integer)`);
    }
  });
});

describe("rtolab profile learn", () => {
  afterEach(() => vi.restoreAllMocks());

  it("rtolab profile learn prints accuracy and coverage on another boot", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-profile-")), "g.json");
    const { status, stdout } = rtolabSync(
      "profile", "learn", "traces/gboot0.csv@36524944", "traces/gboot1.csv@35724121", "-o", out, "--against", "traces/gboot4_gen2.csv@36653904",
    );
    expect(status).toBe(0);
    expect(stdout).toContain(`${out}: 25962 blocks of 4096 B from 2 run(s)`);
    expect(stdout).toMatch(/traces\/gboot4_gen2\.csv\s+26037\s+25957\s+0\.9998\s+0\.9969/);
  });

  it("profile learn A@500 -o P --against B saves blocks 0 and 1 (block 5 is read after the cut) and scores B: 1 of its 3 blocks in the profile (accuracy 1/2, coverage 1/3)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-profile-"));
    writeFileSync(join(dir, "a.csv"), BOOT_A);
    writeFileSync(join(dir, "b.csv"), BOOT_B);
    const out = join(dir, "p.json");
    const printed = await profile("learn", `${join(dir, "a.csv")}@500`, "-o", out, "--against", join(dir, "b.csv"));
    expect(loadProfile(out)).toMatchObject({ blockSize: 4096, runs: 1, blocks: [0, 1] });
    expect(printed[0]).toBe(`${out}: 2 blocks of 4096 B from 1 run(s)`);
    // b reads blocks 1-3, of which the profile holds block 1: accuracy 1/2 (of the profile), coverage 1/3 (of the boot).
    expect(printed[1].split("\n").map((line) => line.trim().split(/\s+/))).toEqual([
      ["boot", "blocks", "read", "in", "profile", "accuracy", "coverage"],
      [join(dir, "b.csv"), "3", "1", "0.5", "0.3333"],
    ]);
  });

  it("profile learn with --block 0 or an unwritable -o is an InputError naming the flag or file (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-profile-"));
    writeFileSync(join(dir, "a.csv"), BOOT_A);
    expect(await inputError(profile("learn", join(dir, "a.csv"), "-o", join(dir, "p.json"), "--block", "0"))).toBe("--block: 0: a positive number of bytes, like 4096");
    const out = join(dir, "missing", "p.json");
    expect(await inputError(profile("learn", join(dir, "a.csv"), "-o", out))).toBe(`${out}: a writable file (ENOENT)`);
  });
});
