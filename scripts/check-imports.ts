/**
 * The import check of ARCHITECTURE.md's layering: reports (a) every import cycle between files
 * of src/ and (b) every import from one top-level folder of src/ to another that the layer
 * order below does not allow. Exit 1 on any, 0 when clean.
 *
 *   npx tsx scripts/check-imports.ts [folder]     (default: src)
 *
 * Every import counts, type-only ones included: a type import is still a dependency of the
 * design (the file cannot be understood or moved without the other), and a cycle of type
 * imports is how run-time cycles start. Imports are read with the TypeScript parser, not a
 * regular expression, so an `import` in a comment or an @example is not an import.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * The layers of src/, lowest first: a folder may import only the folders before it (and
 * itself). This is the table ARCHITECTURE.md's list states in words; the test of this script
 * checks that the two agree. Files directly in src/ (index.ts, the library's entry point) may
 * import everything.
 */
export const LAYER_ORDER: readonly string[] = [
  "util",
  "kernel",
  "contracts",
  "metrics",
  "models",
  "workloads",
  "policies",
  "restore",
  "fleet",
  "scenario",
  "report",
  "lab",
  "cli",
];

/** One import the layer order forbids but the project tolerates for now, with the reason. */
export interface AllowedEdge {
  from: string;
  to: string;
  why: string;
}

/**
 * Known edges against the layer order, each to be removed by the work it names. Keep this list
 * short: an entry is a debt, not a rule.
 */
export const TEMPORARILY_ALLOWED: readonly AllowedEdge[] = [];

/** An import from one file of the checked folder to another (paths relative to the folder, with `/`). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** What the check found. */
export interface ImportReport {
  files: number;
  imports: number;
  /** Each cycle as its files in import order, the first repeated at the end; smallest file first. */
  cycles: string[][];
  /** Imports between top-level folders that the layer order forbids and that are not tolerated. */
  violations: ImportEdge[];
  /**
   * Cycles between top-level folders, as folder names (first repeated at the end). With the
   * layer order respected there are none; one that passes through a tolerated edge is listed in
   * `toleratedFolderCycles` instead, so the debt stays visible without failing the check.
   */
  folderCycles: string[][];
  toleratedFolderCycles: string[][];
}

function sourceFiles(folder: string, out: string[] = []): string[] {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/**
 * The module specifiers a TypeScript source imports: `import`/`export ... from`, `import()`
 * calls with a literal, and `import("...")` types.
 *
 * @example
 * importSpecifiers('import type { A } from "./a.ts";\n// import { B } from "./b.ts";\nexport * from "./c.ts";')
 * // => ["./a.ts", "./c.ts"]
 */
export function importSpecifiers(text: string): string[] {
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The import graph of every source file under `folder`: relative imports that land on one of its files. */
export function importGraph(folder: string): Map<string, string[]> {
  const root = resolve(folder);
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const name = (path: string) => relative(root, path).split(sep).join("/");
  for (const file of files) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue; // packages and node: builtins are outside the layers
      const target = resolve(dirname(file), specifier);
      // The project imports with the .ts extension; accept the .js spelling NodeNext also allows.
      const candidate = [target, target.replace(/\.js$/, ".ts"), `${target}.ts`, join(target, "index.ts")].find((path) => known.has(path));
      if (candidate && candidate !== file) targets.add(name(candidate));
    }
    graph.set(name(file), [...targets].sort());
  }
  return graph;
}

/**
 * One shortest cycle through each strongly connected component of the graph (Tarjan for the
 * components, then a breadth-first search inside each), so a knot of many files is one line
 * rather than hundreds of permutations. Breaking the cycle shown may leave a smaller one in the
 * same knot: run the check again until it is clean.
 *
 * @example
 * findCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", ["a.ts"]], ["c.ts", ["a.ts"]]]))
 * // => [["a.ts", "b.ts", "a.ts"]]
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const strongConnect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) strongConnect(node);
  return components.map((component) => shortestCycleThrough(graph, component[0], new Set(component))).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function shortestCycleThrough(graph: ReadonlyMap<string, readonly string[]>, start: string, within: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const next of graph.get(node) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  throw new Error(`no cycle through ${start} inside its component`);
}

/** Top-level folder of a path relative to src/ ("" for a file directly in src/). */
const folderOf = (path: string): string => (path.includes("/") ? path.slice(0, path.indexOf("/")) : "");

/**
 * Whether an import from folder `from` to folder `to` goes with the layer order: same folder,
 * a file directly in src/, or a folder earlier in `order`. A folder missing from the order is
 * never allowed, so a new folder must be placed in the table first.
 *
 * @example
 * importAllowed("restore", "metrics") // => true
 * importAllowed("metrics", "lab") // => false
 */
export function importAllowed(from: string, to: string, order: readonly string[] = LAYER_ORDER): boolean {
  if (from === to || from === "") return true;
  const fromLayer = order.indexOf(from);
  const toLayer = order.indexOf(to);
  return fromLayer >= 0 && toLayer >= 0 && toLayer < fromLayer;
}

/**
 * Runs both checks over the source files under `folder`.
 *
 * @example
 * checkImports("src").cycles // => []
 */
export function checkImports(
  folder: string,
  options: { order?: readonly string[]; allowed?: readonly AllowedEdge[] } = {},
): ImportReport {
  const graph = importGraph(folder);
  const allowed = options.allowed ?? TEMPORARILY_ALLOWED;
  const violations: ImportEdge[] = [];
  let imports = 0;
  for (const [from, targets] of graph) {
    for (const to of targets) {
      imports++;
      if (importAllowed(folderOf(from), folderOf(to), options.order)) continue;
      if (allowed.some((edge) => edge.from === from && edge.to === to)) continue;
      violations.push({ from, to });
    }
  }
  const { strict, tolerated } = folderCycles(graph, allowed);
  return { files: graph.size, imports, cycles: findCycles(graph), violations, folderCycles: strict, toleratedFolderCycles: tolerated };
}

/** Cycles of the folder graph: those made of untolerated imports alone, and the rest. */
function folderCycles(graph: ReadonlyMap<string, readonly string[]>, allowed: readonly AllowedEdge[]): { strict: string[][]; tolerated: string[][] } {
  const all = new Map<string, Set<string>>();
  const untolerated = new Map<string, Set<string>>();
  const link = (map: Map<string, Set<string>>, from: string, to: string) => map.set(from, (map.get(from) ?? new Set()).add(to));
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a === b || a === "" || b === "") continue;
      link(all, a, b);
      if (!allowed.some((edge) => edge.from === from && edge.to === to)) link(untolerated, a, b);
    }
  }
  const asLists = (map: Map<string, Set<string>>) => new Map([...map].map(([key, value]) => [key, [...value].sort()]));
  const strict = findCycles(asLists(untolerated));
  const strictKeys = new Set(strict.map((cycle) => cycle.join(" ")));
  return { strict, tolerated: findCycles(asLists(all)).filter((cycle) => !strictKeys.has(cycle.join(" "))) };
}

/**
 * The report as lines a person reads: one per cycle and per forbidden import, then a summary.
 *
 * @example
 * formatReport({ files: 2, imports: 2, cycles: [["a.ts", "b.ts", "a.ts"]], violations: [], folderCycles: [], toleratedFolderCycles: [] })
 * // => ["cycle: a.ts → b.ts → a.ts", "2 files, 2 imports: 1 file cycle(s), 0 folder cycle(s), 0 import(s) against the layer order"]
 */
export function formatReport(report: ImportReport): string[] {
  const lines = [
    ...report.cycles.map((cycle) => `cycle: ${cycle.join(" → ")}`),
    ...report.violations.map(
      (edge) => `layer: ${edge.from} → ${edge.to} (${folderOf(edge.from)}/ may not import ${folderOf(edge.to)}/: see LAYER_ORDER)`,
    ),
    ...report.folderCycles.map((cycle) => `folder cycle: ${cycle.join("/ → ")}/`),
    ...report.toleratedFolderCycles.map((cycle) => `folder cycle through a tolerated import (not failing): ${cycle.join("/ → ")}/`),
  ];
  lines.push(
    `${report.files} files, ${report.imports} imports: ${report.cycles.length} file cycle(s), ${report.folderCycles.length} folder cycle(s), ` +
      `${report.violations.length} import(s) against the layer order`,
  );
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = checkImports(process.argv[2] ?? "src");
  for (const line of formatReport(report)) console.log(line);
  const graph = importGraph(process.argv[2] ?? "src");
  for (const edge of TEMPORARILY_ALLOWED) {
    if (graph.get(edge.from)?.includes(edge.to)) console.log(`tolerated for now: ${edge.from} → ${edge.to} (${edge.why})`);
  }
  process.exitCode = report.cycles.length + report.folderCycles.length + report.violations.length > 0 ? 1 : 0;
}
