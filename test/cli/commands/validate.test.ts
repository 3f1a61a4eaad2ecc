import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolabSync } from "../../robustness/cli-child.ts";

const rtolab = rtolabSync;

describe("rtolab validate replay", () => {
  it("rtolab validate replay prints every pair in both directions and the verdict; --check exits 1 when a target is missed", () => {
    const { status, stdout } = rtolab("validate", "replay", "--check");
    expect(status).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(15);
    expect(lines[3]).toMatch(/^k2boot1 \+20ms\s+slower\s+k2boot1\s+k2boot_d20ms\s+31\.77\s+33\.31\s+\+4\.8%\s+23\.62–47\.80\s+yes\s+33\.22\s+\+4\.6%$/);
    expect(lines[9]).toBe("max |error| 8.4% (target 10%), median 5.1% (target 5%): NOT met");
    // The run-to-run noise table after it: g2boot1 and g2boot2 replayed against each other.
    expect(lines[13]).toMatch(/^g2boot1 \/ g2boot2\s+g2boot1\s+g2boot2\s+25\.26\s+23\.22\s+-8\.1%$/);
    expect(lines[14]).toMatch(/^g2boot1 \/ g2boot2\s+g2boot2\s+g2boot1\s+23\.22\s+25\.26\s+\+8\.8%$/);
  });

  it("rtolab validate replay --pairs on a malformed file exits 2 naming the field", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: -1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1 }] }));
    const { status, stderr } = rtolab("validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].baseReadyUs: a number of microseconds ≥ 0`);
  });

  it("rtolab validate replay --pairs with the old vcpus field exits 2 pointing to threads", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: 1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1, vcpus: 1 }] }));
    const { status, stderr } = rtolab("validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].vcpus: no vcpus: the replay's rule 3 counts the guest's threads, not its vCPUs (docs/replay.md); give threads, default 2`);
  });

  it("rtolab validate replay --pairs with a malformed repeat exits 2 naming repeats[0].second", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    const pairs = JSON.parse(readFileSync("traces/what-if-pairs.json", "utf8")).pairs.slice(0, 1).map((p: Record<string, unknown>) => ({ ...p, base: `${process.cwd()}/traces/${p.base}`, delayed: `${process.cwd()}/traces/${p.delayed}` }));
    writeFileSync(file, JSON.stringify({ pairs, repeats: [{ name: "r", first: "a.csv", firstReadyUs: 1, secondReadyUs: 2 }] }));
    const { status, stderr } = rtolab("validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: repeats[0].second: a non-empty string`);
  });
});
