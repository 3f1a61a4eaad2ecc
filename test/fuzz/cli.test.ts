import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { VALID_SCENARIO } from "../../fuzz/scenario-targets.ts";
import { TRACE_SAMPLES } from "../../fuzz/trace-targets.ts";
import { mutatedBytes } from "../../fuzz/check.ts";
import { rtolabSync } from "../robustness/cli-child.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-fuzz-cli-"));

/** Exit 0, or exit 2 with exactly one stderr line `rtolab: ...`: the CLI's contract for bad input. */
function expectExitContract(result: { status: number | null; stderr: string }): void {
  expect([0, 2]).toContain(result.status);
  if (result.status === 2) expect(result.stderr).toMatch(/^rtolab: [^\n]+\n$/);
}

describe("the rtolab CLI under fuzzing (child processes, a handful of cases)", () => {
  it("rtolab run <mutated scenario> exits 0, or 2 with one line and no results folder", () => {
    let n = 0;
    const small = { ...VALID_SCENARIO, model: { ...VALID_SCENARIO.model, customers: 200 } };
    const text = Buffer.from(toYaml(small));
    fc.assert(
      fc.property(mutatedBytes(text), (bytes) => {
        const file = join(dir, `s${n}.yaml`);
        const out = join(dir, `out${n++}`);
        writeFileSync(file, bytes);
        const result = rtolabSync("run", file, "--out", out, "--quiet");
        expectExitContract(result);
        expect(existsSync(out)).toBe(result.status === 0);
      }),
      { numRuns: 4, seed: 8 },
    );
  });

  it("rtolab trace info <mutated vscsi or csv> exits 0, or 2 with one line", () => {
    let n = 0;
    const mutants = fc.oneof(
      mutatedBytes(TRACE_SAMPLES.vscsi).map((bytes) => ({ bytes, name: "t.vscsi" })),
      mutatedBytes(TRACE_SAMPLES.csv).map((bytes) => ({ bytes, name: "t.csv" })),
    );
    fc.assert(
      fc.property(mutants, ({ bytes, name }) => {
        const file = join(dir, `${n++}-${name}`);
        writeFileSync(file, bytes);
        expectExitContract(rtolabSync("trace", "info", file));
      }),
      { numRuns: 3, seed: 8 },
    );
  });
});
