import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkImports,
  findCycles,
  formatReport,
  importAllowed,
  importSpecifiers,
  LAYER_ORDER,
  TEMPORARILY_ALLOWED,
} from "../../scripts/check-imports.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** A throw-away source tree: path (relative to the tree) → file text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "rtolab-imports-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// A file cycle inside util/ (one side type-only), a kernel/ → lab/ import against the order,
// which with lab/ → kernel/ is also a folder cycle, and imports that are not imports.
const FIXTURE = {
  "util/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
  "util/b.ts": 'import type { A } from "./a.ts";\nexport const b = 1;\nexport type B = A;\n',
  "util/c.ts": '// import { a } from "./a.ts";\nconst text = \'import { a } from "./a.ts"\';\nimport { readFileSync } from "node:fs";\nexport { text, readFileSync };\n',
  "kernel/x.ts": 'import type { Y } from "../lab/y.ts";\nimport { a } from "../util/a.ts";\nexport type X = Y | typeof a;\n',
  "lab/y.ts": 'export type Y = import("../kernel/x.ts").X | number;\n',
  "index.ts": 'export * from "./lab/y.ts";\n',
};

describe("importSpecifiers", () => {
  it("reads import, export-from, import() and import types, never comments or strings", () => {
    const text = [
      'import a from "./a.ts";',
      'import type { B } from "./b.ts";',
      'export { c } from "./c.ts";',
      "// import d from './d.ts';",
      'const e = "import e from \'./e.ts\'";',
      'const f = await import("./f.ts");',
      'type G = import("./g.ts").G;',
    ].join("\n");
    expect(importSpecifiers(text)).toEqual(["./a.ts", "./b.ts", "./c.ts", "./f.ts", "./g.ts"]);
  });
});

describe("findCycles", () => {
  it("finds one shortest cycle per knot, and self-imports", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "a.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["d.ts"]],
      ["e.ts", ["a.ts"]],
    ]);
    expect(findCycles(graph)).toEqual([
      ["a.ts", "b.ts", "a.ts"],
      ["d.ts", "d.ts"],
    ]);
  });

  it("finds none in a graph without one", () => {
    expect(findCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", []]]))).toEqual([]);
  });
});

describe("importAllowed", () => {
  it("allows imports down the layer order only", () => {
    expect(importAllowed("restore", "metrics")).toBe(true);
    expect(importAllowed("lab", "report")).toBe(true);
    expect(importAllowed("metrics", "lab")).toBe(false);
    expect(importAllowed("scenario", "lab")).toBe(false);
    expect(importAllowed("report", "lab")).toBe(false);
    expect(importAllowed("models", "policies")).toBe(false);
    expect(importAllowed("kernel", "kernel")).toBe(true);
    expect(importAllowed("", "cli")).toBe(true);
    // A folder the table does not place is never allowed either way.
    expect(importAllowed("newfolder", "util")).toBe(false);
    expect(importAllowed("cli", "newfolder")).toBe(false);
  });
});

describe("checkImports on a fixture", () => {
  it("reports the file cycle, the import against the order and the folder cycle", () => {
    const report = checkImports(tree(FIXTURE), { allowed: [] });
    expect(report.files).toBe(6);
    expect(report.imports).toBe(6);
    expect(report.cycles).toEqual([
      ["kernel/x.ts", "lab/y.ts", "kernel/x.ts"],
      ["util/a.ts", "util/b.ts", "util/a.ts"],
    ]);
    expect(report.violations).toEqual([{ from: "kernel/x.ts", to: "lab/y.ts" }]);
    expect(report.folderCycles).toEqual([["kernel", "lab", "kernel"]]);
    expect(formatReport(report)).toEqual([
      "cycle: kernel/x.ts → lab/y.ts → kernel/x.ts",
      "cycle: util/a.ts → util/b.ts → util/a.ts",
      "layer: kernel/x.ts → lab/y.ts (kernel/ may not import lab/: see LAYER_ORDER)",
      "folder cycle: kernel/ → lab/ → kernel/",
      "6 files, 6 imports: 2 file cycle(s), 1 folder cycle(s), 1 import(s) against the layer order",
    ]);
  });

  it("a tolerated edge is not a violation, and its folder cycle is listed apart", () => {
    const report = checkImports(tree(FIXTURE), { allowed: [{ from: "kernel/x.ts", to: "lab/y.ts", why: "test" }] });
    expect(report.violations).toEqual([]);
    expect(report.folderCycles).toEqual([]);
    expect(report.toleratedFolderCycles).toEqual([["kernel", "lab", "kernel"]]);
    expect(report.cycles).toHaveLength(2); // file cycles are never tolerated
  });

  it("the script exits 1 on the fixture, naming the cycle", () => {
    let status = 0;
    let output = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", join(repo, "scripts/check-imports.ts"), tree(FIXTURE)], { cwd: repo, encoding: "utf8" });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      output = failed.stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain("cycle: util/a.ts → util/b.ts → util/a.ts");
  });
});

describe("rtolab's own src/", () => {
  it("has no file cycle, no folder cycle and no import against the layer order", () => {
    const report = checkImports(join(repo, "src"));
    expect(formatReport(report).filter((line) => !line.includes(" files, "))).toEqual([]);
    expect(report.cycles).toEqual([]);
    expect(report.folderCycles).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(report.files).toBeGreaterThan(200);
  });

  it("every tolerated edge still exists (a fixed one must leave the list)", () => {
    const strict = checkImports(join(repo, "src"), { allowed: [] });
    for (const edge of TEMPORARILY_ALLOWED) expect(strict.violations).toContainEqual({ from: edge.from, to: edge.to });
    expect(strict.violations).toHaveLength(TEMPORARILY_ALLOWED.length);
  });

  it("places every top-level folder of src/ in the order, and ARCHITECTURE.md lists them in that order", () => {
    const architecture = readFileSync(join(repo, "ARCHITECTURE.md"), "utf8");
    const block = architecture.slice(architecture.indexOf("```\n") + 4, architecture.indexOf("\n```", architecture.indexOf("```\n") + 4));
    const listed = block
      .split("\n")
      .map((line) => /^([a-z]+)\/\s/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(listed).toEqual([...LAYER_ORDER]);
    const onDisk = readdirSync(join(repo, "src"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(onDisk.sort()).toEqual([...LAYER_ORDER].sort());
  });

  it("the script exits 0 on src/", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", join(repo, "scripts/check-imports.ts")], { cwd: repo, encoding: "utf8" });
    expect(output).toMatch(/0 file cycle\(s\), 0 folder cycle\(s\), 0 import\(s\) against the layer order/);
  });
});
