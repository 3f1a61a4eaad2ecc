import { linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rtolabAsync, rtolabIn, rtolabSync } from "../../robustness/cli-child.ts";

const TRACE = "t_us,op,offset,length\n0,R,0,4096\n10,W,4096,4096\n";

describe("rtolab trace convert", () => {
  it("rtolab trace convert X X (same path, symbolic link, hard link) exits 2 with one line and leaves X whole", async () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-convert-"));
    writeFileSync(join(root, "t.csv"), TRACE);
    symlinkSync(join(root, "t.csv"), join(root, "soft.csv"));
    linkSync(join(root, "t.csv"), join(root, "hard.csv"));
    // The five refusals are independent children: they run at once; X is checked once all have ended.
    const outputs = ["t.csv", "./t.csv", "soft.csv", "hard.csv", join(root, "t.csv")];
    const ends = await Promise.all(outputs.map((output) => rtolabAsync(root, "trace", "convert", "t.csv", output, "--to", "msr")));
    for (const [i, output] of outputs.entries()) {
      const { status, stdout, stderr } = ends[i];
      expect(status).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`rtolab: ${output}: an output file other than the input t.csv (writing it would destroy the input)\n`);
      expect(readFileSync(join(root, "t.csv"), "utf8")).toBe(TRACE);
    }
  });

  it("rtolab trace convert X Y writes Y", () => {
    const root = mkdtempSync(join(tmpdir(), "rtolab-convert-"));
    writeFileSync(join(root, "t.csv"), TRACE);
    const { status, stdout } = rtolabIn(root, "trace", "convert", "t.csv", "t.msr.csv", "--to", "msr");
    expect(status).toBe(0);
    expect(stdout).toBe("t.msr.csv: 2 requests written\n");
    expect(readFileSync(join(root, "t.csv"), "utf8")).toBe(TRACE);
  });
});

describe("rtolab trace info", () => {
  it("rtolab trace info prints the boot trace's figures", () => {
    const { status, stdout } = rtolabSync("trace", "info", "traces/boot0.csv");
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("requests      1727 (1437 reads, 251 writes, 39 flushes)");
    expect(stdout).toContain("61.7 MiB, 14942 distinct 4 KiB blocks");
  });

  it("rtolab trace info on nbdkit's log (detected from its first line) prints its requests and latencies", () => {
    const { status, stdout } = rtolabSync("trace", "info", "test/workloads/traces/fixtures/nbdkit-delay2ms.log");
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("requests      8 (3 reads, 3 writes, 2 flushes)");
    expect(stdout).toContain("latency       mean 1826.9 µs, max 3274 µs");
  });

  it("rtolab trace info on a malformed trace exits 2 naming the line", () => {
    const { status, stderr } = rtolabSync("trace", "info", "README.md", "--format", "csv");
    expect(status).toBe(2);
    expect(stderr).toMatch(/^rtolab: README\.md: line 1: /);
  });
});
