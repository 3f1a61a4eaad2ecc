/**
 * Tests mirror src/: every module with logic, src/a/b.ts, has its own test file,
 * test/a/b.test.ts, and every test file under a src/ folder's name tests the module of its name.
 * A module without logic (types, re-exports, constant lists) needs no test file; it is listed
 * below with why, and this test checks that it really holds no logic (no function, class, call or
 * statement: only imports, exports, types and literal constants), so nothing with logic hides in
 * the list. Both lists are exact: an entry whose file is gone, or that has a test file by now,
 * fails here until it is taken off.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** Modules without logic: no test file of their own (their @examples still run in examples.test.ts). */
const NO_LOGIC: Record<string, string> = {
  // Types only: interfaces and type aliases.
  "src/contracts/model-kind.ts": "types: ModelKind, the replication result and its context",
  "src/policies/io-class.ts": "re-export of contracts/io-class.ts, where the policy families look for it",
  "src/fleet/pipeline-attempt.ts": "type: PipelineAttempt",
  "src/fleet/pipeline.ts": "types: the fleet/restore seam (RestorePipeline and its factory); built in lab/kinds/fleet/pipeline.ts",
  "src/models/devices/types.ts": "types: BlockDevice, BlockRequest, completions",
  "src/policies/balancing/types.ts": "types of the balancing family",
  "src/policies/cache/types.ts": "types of the cache family",
  "src/policies/prefetch/types.ts": "types of the prefetch family",
  "src/policies/relocation/types.ts": "types of the relocation family",
  "src/policies/scheduling/types.ts": "types of the scheduling family (and a re-export of IO_CLASSES)",
  "src/workloads/profile/types.ts": "types of a profile and PROFILE_VERSION = 1",
  "src/workloads/traces/types.ts": "types: TraceRequest, BlockOp",
  // Re-exports (a folder's public face), possibly with a literal list of what they re-export.
  "src/lab/check/index.ts": "re-exports",
  "src/lab/sweep/index.ts": "re-exports",
  "src/models/hosts/index.ts": "re-exports and the list of host definitions",
  "src/models/network/index.ts": "re-exports",
  "src/report/charts/index.ts": "re-exports",
  "src/workloads/profile/index.ts": "re-exports",
};

/** Modules with logic whose test file is not written yet, and why. */
const PENDING: Record<string, string> = {
};

/** Test folders that mirror no src/ folder: what they hold instead. */
const OTHER_TEST_FOLDERS: Record<string, string> = {
  bin: "bin/rtolab.js, the launcher",
  scripts: "scripts/ (check-imports)",
  docs: "checks over the documentation and the repository (examples run, this layout)",
  fuzz: "property and fuzz tests across modules",
  published: "published results reproduced in shape (scenarios/published/), one file per scenario",
  robustness: "end-to-end behaviour under hostile input, signals, full disks",
  support: "the test helpers' own tests",
};

/** Test files under a src/ folder's name that test no module of that name, and why. */
const OTHER_TEST_FILES: Record<string, string> = {
  "test/workloads/replay/bandwidth.test.ts": "the replay driver on a bandwidth-limited recorded device (workloads/replay/ is the lead's, left as it is)",
};

/** Every file under `folder` (relative to the repository, `/`-separated) whose name ends with `suffix`. */
function filesUnder(folder: string, suffix: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(suffix))
    .map((name) => `${folder}/${name.split("\\").join("/")}`)
    .sort();
}

/** The test file a module's tests live in: src/a/b.ts → test/a/b.test.ts. */
function testFileOf(module: string): string {
  return `test/${module.slice("src/".length, -".ts".length)}.test.ts`;
}

const LOGIC_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.TaggedTemplateExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.SwitchStatement,
  ts.SyntaxKind.TryStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.EnumDeclaration,
]);

/**
 * What in `module` is logic: the kind and line of each function, class, call, operator or
 * statement outside type positions (types, imports, exports and literal constants are not).
 */
function logicIn(module: string, text = readFileSync(join(ROOT, module), "utf8")): string[] {
  const source = ts.createSourceFile(module, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) return; // a function type or typeof is no code
    // A declaration without a body (`declare function`, an overload signature) runs nothing.
    const bodiless = (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) && node.body === undefined;
    if (LOGIC_KINDS.has(node.kind) && !bodiless) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${ts.SyntaxKind[node.kind]} at line ${line + 1}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("test layout", () => {
  const modules = filesUnder("src", ".ts");
  const tests = new Set(filesUnder("test", ".test.ts"));

  it("every src/ module with logic has its own test file, test/<same path>.test.ts", () => {
    const missing = modules.filter((module) => !(module in NO_LOGIC) && !(module in PENDING) && !tests.has(testFileOf(module)));
    // On failure: write the test file, or (a module without logic) add it to NO_LOGIC with why.
    expect(missing.map((module) => `${module}: no ${testFileOf(module)}`)).toEqual([]);
  });

  it("every NO_LOGIC entry exists, holds no logic and has no test file of its own", () => {
    const wrong: string[] = [];
    for (const module of Object.keys(NO_LOGIC)) {
      if (!existsSync(join(ROOT, module))) wrong.push(`${module}: no such module (take it off NO_LOGIC)`);
      else if (tests.has(testFileOf(module))) wrong.push(`${module}: has ${testFileOf(module)} (take it off NO_LOGIC)`);
      else {
        const logic = logicIn(module);
        if (logic.length > 0) wrong.push(`${module}: holds logic (${logic.slice(0, 3).join(", ")}): give it a test file`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every PENDING entry exists and still lacks its test file (take it off once the test is written)", () => {
    const wrong = Object.keys(PENDING).flatMap((module) =>
      !existsSync(join(ROOT, module)) ? [`${module}: no such module`] : tests.has(testFileOf(module)) ? [`${module}: has ${testFileOf(module)}`] : [],
    );
    expect(wrong).toEqual([]);
  });

  it("every test file under a src/ folder's name tests the module of its name; other test folders are listed", () => {
    const srcFolders = new Set(readdirSync(join(ROOT, "src"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name));
    const stray: string[] = [];
    for (const test of tests) {
      const [, folder] = test.split("/");
      if (folder in OTHER_TEST_FOLDERS || test in OTHER_TEST_FILES) continue;
      const module = `src/${test.slice("test/".length, -".test.ts".length)}.ts`;
      if (!srcFolders.has(folder) && folder !== "index.test.ts") stray.push(`${test}: test/${folder}/ mirrors no src/ folder (add it to OTHER_TEST_FOLDERS with why)`);
      else if (!existsSync(join(ROOT, module))) stray.push(`${test}: no ${module} (name it after the module it tests)`);
    }
    for (const test of Object.keys(OTHER_TEST_FILES)) if (!tests.has(test)) stray.push(`${test}: no such test file (take it off OTHER_TEST_FILES)`);
    expect(stray).toEqual([]);
  });

  it("logicIn() finds functions, classes, calls, operators and statements, and passes over types, re-exports and literal constants", () => {
    const none = [
      'import type { Rng } from "./rng.ts";',
      "export interface A { run(x: number): void; f: (y: string) => number }",
      "export type B = typeof import(\"./b.ts\");",
      'export { c, type D } from "./c.ts";',
      'export const E = ["demand", "prestage"] as const;',
      "export const F: readonly A[] = [g, h];",
      "export declare function i(): void;",
    ];
    expect(logicIn("x.ts", none.join("\n"))).toEqual([]);
    expect(logicIn("x.ts", "export function f() {}")).toEqual(["FunctionDeclaration at line 1"]);
    expect(logicIn("x.ts", "export const f = () => 1;")).toEqual(["ArrowFunction at line 1"]);
    expect(logicIn("x.ts", "export class C {}")).toEqual(["ClassDeclaration at line 1"]);
    expect(logicIn("x.ts", "\nexport const r = new Registry([a]);")).toEqual(["NewExpression at line 2"]);
    expect(logicIn("x.ts", "export const n = 2 ** 20;")).toEqual(["BinaryExpression at line 1"]);
    expect(logicIn("x.ts", "register(a);")).toEqual(["ExpressionStatement at line 1"]);
    expect(logicIn("src/kernel/priority.ts")).toEqual([]);
    expect(logicIn("src/cli/interrupt.ts").length).toBeGreaterThan(0);
    expect(testFileOf("src/a/b.ts")).toBe("test/a/b.test.ts");
  });
});
