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
    expect(stdout.trim()).toBe(`${out}: 1715 requests; 807 matched in k2boot_d20ms.csv (median added latency 20101 µs); 122 confirmed, 23 dependencies refuted, 5 gaps absorbed delay; resume cost 911 µs (think after a serial read grew 911 µs)`);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect([file.format, file.trace.requests, file.dep.length, file.options.resumeUs]).toEqual(["rtolab-replay-plan", 1715, 1715, 911]);
  });

  it("rtolab replay calibrate on two real nbdkit logs (no delay, delay filter 2 ms beneath the log filter) reads them as written and measures the added 2 ms", () => {
    // Fixtures made with nbdkit 1.32.5 and qemu-io 7.2: test/workloads/traces/nbdkit-log.test.ts says how.
    const fixtures = "test/workloads/traces/fixtures";
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-cal-")), "nbd.plan.json");
    const { status, stdout } = rtolab("replay", "calibrate", `${fixtures}/nbdkit-nodelay.log`, `${fixtures}/nbdkit-delay2ms.log`, "-o", out);
    expect(status).toBe(0);
    expect(stdout.trim()).toMatch(new RegExp(`^${out}: 8 requests; 8 matched in nbdkit-delay2ms\\.log \\(median added latency 2105 µs\\);`));
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

