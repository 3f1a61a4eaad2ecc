/**
 * Runs every `@example` of the doc comments in src/ and checks its `// =>`, `// ≈` and
 * `// throws` results (conventions: test/support/doc-examples.ts and ARCHITECTURE.md), so a
 * stale example fails. Each example is a test case named by its file and symbol. An example
 * runs with, in scope: the fixtures below, then the public API (src/index.ts), then its own
 * module's exports (which win). Examples not runnable yet are listed in examples-pending.txt;
 * each of them must still fail (an entry that passes fails the test: take it off the list).
 * `EXAMPLES_PENDING=write npx vitest run test/docs` rewrites that list from the failures.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Simulation } from "../../src/kernel/simulation.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { openTrace } from "../../src/workloads/traces/open.ts";
import type { TraceRequest } from "../../src/workloads/traces/types.ts";
import { approximatelyEqual, compileExample, extractExamples, type DocExample } from "../support/doc-examples.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const PENDING_FILE = join(import.meta.dirname, "examples-pending.txt");
const WRITE_PENDING = process.env.EXAMPLES_PENDING === "write";

let boot1Cache: TraceRequest[] | undefined;
const temporaryFolders: string[] = [];

/**
 * The shared fixtures an example may use by name; each is made fresh for the example that
 * names it (boot1's array is read once and copied).
 */
const FIXTURES: Record<string, () => unknown> = {
  /** A fresh kernel at time 0. */
  sim: () => new Simulation(),
  /** A random stream: `new RngStreams("example").stream("example")`. */
  rng: () => new RngStreams("example").stream("example"),
  /** The requests of traces/boot1.csv (a real Linux boot, 1,767 requests). */
  boot1: () => [...(boot1Cache ??= [...openTrace(join(ROOT, "traces/boot1.csv"), "csv")])],
  /** A fresh empty temporary folder (removed after the run). */
  tmp: () => {
    const folder = mkdtempSync(join(tmpdir(), "rtolab-example-"));
    temporaryFolders.push(folder);
    return folder;
  },
};

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

/** Every example, with an id unique in its file (`symbol`, then `symbol (2)`, …). */
function collectExamples(): Map<string, Array<DocExample & { id: string }>> {
  const byFile = new Map<string, Array<DocExample & { id: string }>>();
  for (const path of sourceFiles(join(ROOT, "src"))) {
    const file = relative(ROOT, path).split("\\").join("/");
    const seen = new Map<string, number>();
    const examples = extractExamples(file, readFileSync(path, "utf8")).map((example) => {
      const count = (seen.get(example.symbol) ?? 0) + 1;
      seen.set(example.symbol, count);
      return { ...example, id: count === 1 ? example.symbol : `${example.symbol} (${count})` };
    });
    if (examples.length > 0) byFile.set(file, examples);
  }
  return byFile;
}

function readPending(): Set<string> {
  const text = readFileSync(PENDING_FILE, "utf8");
  return new Set(text.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#")));
}

/** A value that evaluates to undefined without saying so is a mistake (`Float64Array [1]` is a property read). */
function expectDefined(expected: unknown, text: string, where: string): void {
  if (expected === undefined && text !== "undefined") throw new Error(`${where}: the expected value ${text} evaluates to undefined`);
}

/** A value as a failure message shows it: whole, on one line, so the example can be corrected from it. */
function shown(value: unknown): string {
  return inspect(value, { depth: 8, maxArrayLength: 64, maxStringLength: 2000, breakLength: Infinity });
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Whether a name can be a parameter of the example's function (not `default` or another reserved word). */
function isParameterName(name: string): boolean {
  if (!IDENTIFIER.test(name)) return false;
  try {
    new Function(name, "");
    return true;
  } catch {
    return false;
  }
}

let publicApi: Record<string, unknown> | undefined;

/**
 * Examples that add to rtolab's global registries (`registerPolicy`, `registerDevice`) must run
 * before any scenario schema is generated, which seals them; earlier examples in this process
 * have done that. Such an example gets fresh module instances (vi.resetModules), as a program
 * that imports rtolab and registers first would.
 */
const REGISTERS = /\bregister(Policy|Device)\(/;

async function runExample(example: DocExample): Promise<void> {
  const js = compileExample(example.code, pathToFileURL(ROOT).href + "/", pathToFileURL(join(ROOT, example.file)).href);
  const fresh = REGISTERS.test(example.code);
  if (fresh) vi.resetModules();
  const api = fresh ? ((await import("../../src/index.ts")) as Record<string, unknown>) : (publicApi ??= (await import("../../src/index.ts")) as Record<string, unknown>);
  const own = (await import(pathToFileURL(join(ROOT, example.file)).href)) as Record<string, unknown>;
  const scope: Record<string, unknown> = {};
  for (const [name, make] of Object.entries(FIXTURES)) if (new RegExp(`\\b${name}\\b`).test(example.code)) scope[name] = make();
  Object.assign(scope, api, own);
  // A default export is in scope under its function's name (run-worker.ts's task function).
  const byDefault = own.default;
  if (typeof byDefault === "function" && IDENTIFIER.test(byDefault.name) && !(byDefault.name in own)) scope[byDefault.name] = byDefault;
  const names = Object.keys(scope).filter(isParameterName);
  const where = (line: number) => `${example.file}:${example.line + line} (${example.symbol})`;
  const checkers = {
    // A function made by `new AsyncFunction` has no module to import from; this one does.
    __import: (specifier: string) => import(/* @vite-ignore */ specifier),
    __equal: (actual: unknown, expected: unknown, line: number, text: string) => {
      expectDefined(expected, text, where(line));
      try {
        expect(actual).toEqual(expected);
      } catch {
        throw new Error(`${where(line)}: got ${shown(actual)}, expected ${text}`);
      }
    },
    __approx: (actual: unknown, expected: unknown, line: number, text: string) =>
      expectDefined(expected, text, where(line)) ??
      expect(approximatelyEqual(actual, expected, text), `${where(line)}: got ${shown(actual)}, expected ≈ ${text}`).toBe(true),
    __throws: async (run: () => Promise<void>, message: string, line: number) => {
      let thrown: unknown = undefined;
      let threw = false;
      try {
        await run();
      } catch (error) {
        threw = true;
        thrown = error;
      }
      expect(threw, `${where(line)}: expected to throw ${JSON.stringify(message)}`).toBe(true);
      const got = thrown instanceof Error ? thrown.message : String(thrown);
      if (got !== message) throw new Error(`${where(line)}: threw ${JSON.stringify(got)}, expected ${JSON.stringify(message)}`);
    },
  };
  const body = new AsyncFunction(...names, ...Object.keys(checkers), `"use strict";\n${js}`);
  try {
    await body(...names.map((name) => scope[name]), ...Object.values(checkers));
  } finally {
    // What it registered stays in its own module instances: the examples after it see rtolab's own.
    if (fresh) {
      vi.resetModules();
      publicApi = undefined;
    }
  }
}

const examples = collectExamples();
const pending = readPending();
const failures: string[] = [];
const passes: string[] = [];

afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
  if (WRITE_PENDING) {
    const header = "# Examples in src/ that do not run yet (file, then symbol). test/docs/examples.test.ts checks this list is exact.\n";
    // Only the examples that ran are updated, so a run filtered with -t keeps the other entries.
    const list = [...new Set([...[...pending].filter((key) => !passes.includes(key)), ...failures])].sort();
    writeFileSync(PENDING_FILE, header + list.join("\n") + (list.length > 0 ? "\n" : ""));
  }
});

describe("the pending list", () => {
  it("names only examples that exist", () => {
    const known = new Set([...examples.values()].flat().map((e) => `${e.file} ${e.id}`));
    expect([...pending].filter((entry) => !known.has(entry))).toEqual([]);
  });
});

for (const [file, fileExamples] of examples) {
  describe(file, () => {
    for (const example of fileExamples) {
      const key = `${file} ${example.id}`;
      if (WRITE_PENDING) {
        it(example.id, async () => {
          try {
            await runExample(example);
            passes.push(key);
          } catch (error) {
            failures.push(key);
            throw error;
          }
        });
      } else if (pending.has(key)) {
        it.fails(`${example.id} (pending: must still fail)`, () => runExample(example));
      } else {
        it(example.id, () => runExample(example));
      }
    }
  });
}
