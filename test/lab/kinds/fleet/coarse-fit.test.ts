import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCoarseFit, loadCoarseFit } from "../../../../src/lab/kinds/fleet/coarse-fit.ts";

const provenance = { scenario: "s.yaml", seed: 1, replications: 2, runs: [{ purpose: "saturated", mediaAgents: 1, vsas: 26, ttsP95: "1.983min" }] };

describe("coarse-fit", () => {
  it("coarse-fit: a fit written with units reads back to the same numbers (ns, bytes, bytes/s)", () => {
    const dir = mkdtempSync(join(tmpdir(), "coarse-fit-"));
    const fit = { slotTime: 33e9, maRead: 162_829_000, byType: { win: { workingSet: 110_560_000, readRate: 5_263_000, think: 17_749_000_000 } } };
    writeFileSync(join(dir, "f.yaml"), formatCoarseFit(fit, provenance));
    expect(loadCoarseFit("f.yaml", dir)).toEqual(fit);
  });

  it("coarse-fit: a bare number where a unit is due, or a missing field, is refused naming the file and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "coarse-fit-"));
    const text = formatCoarseFit({ slotTime: 33e9, maRead: 1e8, byType: { t: { workingSet: 1e8, readRate: 1e6, think: 0 } } }, provenance);
    writeFileSync(join(dir, "bare.yaml"), text.replace("slotTime: 33s", "slotTime: 33"));
    expect(() => loadCoarseFit("bare.yaml", dir)).toThrow(/bare\.yaml: slotTime: /);
    writeFileSync(join(dir, "missing.yaml"), text.replace(/maRead: .*\n/, ""));
    expect(() => loadCoarseFit("missing.yaml", dir)).toThrow(/missing\.yaml: maRead: /);
  });
});
