import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolabSync } from "../../robustness/cli-child.ts";

const rtolab = rtolabSync;

describe("rtolab replay calibrate", () => {
  it("rtolab replay calibrate k2boot1 k2boot_d20ms -o PLAN writes a plan file and says what it learnt", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-cal-")), "k2.plan.json");
    const { status, stdout } = rtolab("replay", "calibrate", "traces/k2boot1.csv", "traces/k2boot_d20ms.csv", "-o", out);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(`${out}: 1715 requests; 807 matched in k2boot_d20ms.csv (median added latency 20101 µs); 80 confirmed, 23 dependencies refuted, 5 gaps absorbed delay`);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect([file.format, file.trace.requests, file.dep.length]).toEqual(["rtolab-replay-plan", 1715, 1715]);
  });

  it("rtolab replay calibrate on a trace without latencies exits 2 with one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cal-"));
    const trace = join(dir, "t.csv");
    writeFileSync(trace, "t_us,op,offset,length\n0,R,0,512\n");
    const { status, stderr } = rtolab("replay", "calibrate", trace, trace, "-o", join(dir, "p.json"));
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${trace}: request 1: a latency_us for every request (calibration compares completions)`);
  });
});

describe("rtolab validate replay", () => {
  it("rtolab validate replay prints every pair in both directions and the verdict; --check exits 1 when a target is missed", () => {
    const { status, stdout } = rtolab("validate", "replay", "--check");
    expect(status).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines[3]).toMatch(/^k2boot1 \+20ms\s+slower\s+k2boot1\s+k2boot_d20ms\s+31\.77\s+33\.08\s+\+4\.1%\s+23\.42–47\.32\s+yes\s+33\.08\s+\+4\.1%$/);
    expect(lines[9]).toBe("max |error| 15.2% (target 10%), median 6.1% (target 5%): NOT met");
  });

  it("rtolab validate replay --pairs on a malformed file exits 2 naming the field", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rtolab-val-")), "pairs.json");
    writeFileSync(file, JSON.stringify({ pairs: [{ name: "x", base: "a.csv", baseReadyUs: -1, delayed: "b.csv", delayedReadyUs: 1, delayUs: 1 }] }));
    const { status, stderr } = rtolab("validate", "replay", "--pairs", file);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`rtolab: ${file}: pairs[0].baseReadyUs: a number of microseconds ≥ 0`);
  });
});
