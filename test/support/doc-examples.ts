/**
 * Finds the `@example` blocks of the doc comments in src/ and turns each into code that runs
 * and checks its results (test/docs/examples.test.ts runs them). The conventions an example
 * follows are in ARCHITECTURE.md ("Examples run"):
 *
 * - `expression // => value` (or `// => value` alone on the next line) checks that the
 *   expression, or the variable a `const x = …` line declares, deep-equals `value`, a
 *   JavaScript expression evaluated in the example's scope. A remark may follow after ` // `.
 * - `// ≈ value` checks numbers to the precision written (`// ≈ 1.649` means within 0.0005);
 *   inside arrays and objects every number is checked that way, everything else exactly.
 * - `// throws "message"` checks that the statement throws an error with exactly that message.
 *
 * A `// =>` line whose value cannot be checked must not exist: the runner fails it.
 */
import ts from "typescript";

/** One `@example` block of one doc comment. */
export interface DocExample {
  /** Path of the source file, relative to the project root, with `/` separators. */
  readonly file: string;
  /** The documented symbol: `name`, or `Class.member` for a member of a class or interface. */
  readonly symbol: string;
  /** 1-based line of the `@example` tag in the file. */
  readonly line: number;
  /** The example's code, comment stars removed. */
  readonly code: string;
}

const DOC_COMMENT = /\/\*\*[\s\S]*?\*\//g;
const DECLARATION =
  /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|interface|type|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/;
const MEMBER =
  /^\s+(?:(?:public|private|protected|static|readonly|abstract|override|async|declare|get|set)\s+)*\*?\s*(#?[A-Za-z_$][\w$]*|\[[^\]]+\])\s*[?!]?\s*[(<:=;]/;
const CONTAINER = /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface)\s+([A-Za-z_$][\w$]*)/;

/**
 * The `@example` blocks of one source file, in order.
 *
 * @example
 * extractExamples("src/x.ts", "/**\n * @example\n * f(1) // => 2\n *\/\nexport function f(n) {}")[0].symbol // => "f"
 */
export function extractExamples(file: string, text: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const match of text.matchAll(DOC_COMMENT)) {
    const start = match.index ?? 0;
    const lines = match[0]
      .replace(/^\/\*\*/, "")
      .replace(/\*\/$/, "")
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, "").replace(/\s+$/, ""));
    const firstLine = lineOf(text, start);
    for (let i = 0; i < lines.length; i++) {
      const tag = /^@example\b\s*(.*)$/.exec(lines[i].trim());
      if (!tag) continue;
      const body: string[] = tag[1] === "" ? [] : [tag[1]];
      let j = i + 1;
      for (; j < lines.length && !/^\s*@\w/.test(lines[j]); j++) body.push(lines[j]);
      const code = body.join("\n").replace(/^\s*\n/, "").trimEnd();
      examples.push({ file, symbol: symbolAfter(text, start + match[0].length), line: firstLine + i, code });
      i = j - 1;
    }
  }
  return examples;
}

/** The name declared after a doc comment ending at `offset`, qualified by its class when it is a member. */
function symbolAfter(text: string, offset: number): string {
  const rest = text.slice(offset).split("\n");
  const declaration = rest.find((line) => line.trim() !== "") ?? "";
  const top = DECLARATION.exec(declaration);
  if (top && !/^\s/.test(declaration)) return top[1];
  if (/^export\s*\{|^export \*/.test(declaration.trim()) || declaration.trim() === "") return "(module)";
  const member = MEMBER.exec(declaration);
  if (member) {
    const before = text.slice(0, offset).split("\n").reverse();
    const container = before.map((line) => CONTAINER.exec(line)).find((m) => m !== null);
    return container ? `${container[1]}.${member[1]}` : member[1];
  }
  return top ? top[1] : "(module)";
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** What a check comment asks for. */
type CheckKind = "equal" | "approx" | "throws";

interface CheckComment {
  readonly kind: CheckKind;
  /** The expected value's source text (the message's string literal for `throws`). */
  readonly value: string;
  /** Offset of the comment's `//` in the code. */
  readonly offset: number;
  /** 1-based line of the comment in the example. */
  readonly line: number;
}

const CHECK = /\/\/ (=>|≈|throws)\s+(.*)$/;

/**
 * The example's code rewritten so that each check comment calls a checker: `__equal(actual,
 * expected, line)`, `__approx(actual, expected, line)` or `__throws(() => { statement },
 * message, line)`; `import { a } from "m"` becomes `const { a } = await __import("m")`, with
 * `rtolab` meaning the public entry point `importBase + "src/index.ts"` and a relative path
 * meaning one relative to the example's file, `fileUrl` (which `import.meta.url` becomes). The result is
 * TypeScript; {@link compileExample} also strips the types. Throws when a check comment
 * follows no statement or a statement that has no value.
 *
 * @example
 * instrumentExample("f(1) // => 2", "/p/") // => '__equal(f(1), (2), 1, "2") // => 2'
 */
export function instrumentExample(code: string, importBase: string, fileUrl = importBase): string {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const statements: ts.Statement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && !ts.isBlock(node)) statements.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const checks = checkComments(code);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const check of checks) {
    let target: ts.Statement | undefined;
    for (const statement of statements) {
      if (statement.end > check.offset) continue;
      if (target === undefined || statement.end > target.end || (statement.end === target.end && statement.getStart(source) < target.getStart(source))) {
        target = statement;
      }
    }
    if (target === undefined) throw new Error(`line ${check.line}: a check comment with no statement before it`);
    const start = target.getStart(source);
    const statementText = code.slice(start, target.end);
    if (check.kind === "throws") {
      edits.push({ start, end: target.end, text: `await __throws(async () => { ${statementText} }, (${check.value}), ${check.line});` });
      continue;
    }
    const checker = check.kind === "equal" ? "__equal" : "__approx";
    if (ts.isExpressionStatement(target)) {
      edits.push({ start, end: target.end, text: `${checker}(${target.expression.getText(source)}, (${check.value}), ${check.line}, ${JSON.stringify(check.value)});` });
    } else if (ts.isVariableStatement(target) && target.declarationList.declarations.length === 1 && ts.isIdentifier(target.declarationList.declarations[0].name)) {
      const name = target.declarationList.declarations[0].name.text;
      edits.push({ start: target.end, end: target.end, text: ` ${checker}(${name}, (${check.value}), ${check.line}, ${JSON.stringify(check.value)});` });
    } else {
      throw new Error(`line ${check.line}: a check comment after a statement that has no value (${ts.SyntaxKind[target.kind]})`);
    }
  }
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const from = specifier === "rtolab" ? `${importBase}src/index.ts` : specifier.startsWith(".") ? new URL(specifier, fileUrl).href : specifier;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    let pattern = "";
    if (bindings && ts.isNamedImports(bindings)) {
      pattern = `{ ${bindings.elements.map((e) => (e.propertyName ? `${e.propertyName.getText(source)}: ${e.name.text}` : e.name.text)).join(", ")} }`;
    } else if (bindings && ts.isNamespaceImport(bindings)) {
      pattern = bindings.name.text;
    } else if (clause?.name) {
      pattern = `{ default: ${clause.name.text} }`;
    }
    const text = pattern === "" ? `await __import(${JSON.stringify(from)});` : `const ${pattern} = await __import(${JSON.stringify(from)});`;
    edits.push({ start: statement.getStart(source), end: statement.end, text });
  }
  edits.sort((a, b) => b.start - a.start);
  let result = code;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  // The example's code is not a module: `import.meta.url` means the example's file.
  return result.replaceAll("import.meta.url", JSON.stringify(fileUrl));
}

/** Whether a value's source text is one JavaScript expression. */
function parses(value: string): boolean {
  try {
    new Function(`return (${value});`);
    return true;
  } catch {
    return false;
  }
}

/** A value's source text with its string literals emptied (to look at its code only). */
function withoutStrings(text: string): string {
  return text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
}

/**
 * The check comments of an example, with the remark after ` // ` removed from each value. A
 * value that does not parse continues on the following comment-only lines (`//   …`).
 */
function checkComments(code: string): CheckComment[] {
  const checks: CheckComment[] = [];
  let offset = 0;
  const lines = code.split("\n");
  for (let i = 0; i < lines.length; offset += lines[i].length + 1, i++) {
    const match = CHECK.exec(lines[i]);
    // `// log => ["ok"]` states a result without checking it; an arrow function in a comment is fine.
    if (!match && /\/\/\s*[\w.$]+\s=>\s/.test(lines[i])) {
      throw new Error(`line ${i + 1}: a result written as "… => value" in a comment; write "expression // => value" so it is checked`);
    }
    if (!match) continue;
    const kind: CheckKind = match[1] === "=>" ? "equal" : match[1] === "≈" ? "approx" : "throws";
    let value = match[2].split(" // ")[0].trim();
    for (let j = i + 1; !parses(value) && j < lines.length && /^\s*\/\/\s/.test(lines[j]); j++) {
      value += " " + lines[j].replace(/^\s*\/\//, "").split(" // ")[0].trim();
    }
    if (!parses(value)) throw new Error(`line ${i + 1}: the value after "// ${match[1]}" is not a JavaScript expression: ${value} (a remark goes after " // ")`);
    if (/(?:[\d"'\]}]|\btrue|\bfalse|\bnull|\bundefined)\s+\(/.test(withoutStrings(value))) throw new Error(`line ${i + 1}: a remark in parentheses after the value: ${value} (a remark goes after " // ")`);
    if (kind === "throws" && !/^(["'`]).*\1$/.test(value)) throw new Error(`line ${i + 1}: "// throws" wants the error's message as a string literal, got ${value}`);
    checks.push({ kind, value, offset: offset + (match.index ?? 0), line: i + 1 });
  }
  return checks;
}

/**
 * The example as JavaScript for the body of an async function: instrumented
 * ({@link instrumentExample}), types stripped, wrapped in a block so that its declarations may
 * shadow the names in scope.
 *
 * @example
 * compileExample("const n: number = 1; n // => 1", "/p/").includes("__equal(n, (1), 1, ") // => true
 */
export function compileExample(code: string, importBase: string, fileUrl = importBase): string {
  const instrumented = instrumentExample(code, importBase, fileUrl);
  const js = ts.transpileModule(instrumented, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false, isolatedModules: true },
    reportDiagnostics: false,
  }).outputText;
  return `{\n${js.replace(/^export \{\};\s*$/m, "")}\n}`;
}

/** How many decimal places a number is written with (`1.25` → 2, `1e-3` → 3, `100` → 0, `0.50` → 2, `4.0e6` → −5). */
function decimalsOf(written: string): number {
  const [mantissa, exponent] = written.replace(/_/g, "").toLowerCase().split("e");
  const decimals = (mantissa.split(".")[1] ?? "").length;
  return decimals - Number(exponent ?? 0);
}

/** The number literals of a value's source text, in order, string literals skipped. */
function numberLiterals(text: string): string[] {
  return [...withoutStrings(text).matchAll(/(?<![\w$.])(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/gi)].map((m) => m[0]);
}

/**
 * True when `actual` equals `expected` with every number of `expected` read to the precision it
 * is written with in `text` (the expected value's source): within half a unit of its last
 * decimal place, so `0.50` means 0.495 to 0.505. Without `text`, the shortest form of each
 * number is its precision.
 *
 * @example
 * approximatelyEqual(Math.E, 2.718) // => true
 * approximatelyEqual([1.04, "a"], [1, "a"], "[1.0, \"a\"]") // => true
 * approximatelyEqual(1.04, 1, "1.00") // => false
 */
export function approximatelyEqual(actual: unknown, expected: unknown, text?: string): boolean {
  const written = text === undefined ? undefined : numberLiterals(text);
  let next = 0;
  const equal = (a: unknown, e: unknown): boolean => {
    if (typeof e === "number") {
      const literal = written?.[next++];
      if (typeof a !== "number") return false;
      if (!Number.isFinite(e)) return Object.is(a, e);
      const decimals = literal !== undefined && Math.abs(Number(literal.replace(/_/g, "")) - Math.abs(e)) < 1e-12 * Math.max(1, Math.abs(e)) ? decimalsOf(literal) : decimalsOf(String(e));
      return Math.abs(a - e) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
    }
    if (Array.isArray(e) || ArrayBuffer.isView(e)) {
      const al = a as ArrayLike<unknown>;
      const el = e as unknown as ArrayLike<unknown>;
      if (al === null || typeof al !== "object" || al.length !== el.length) return false;
      let ok = true;
      for (let i = 0; i < el.length; i++) ok = equal(al[i], el[i]) && ok;
      return ok;
    }
    if (e !== null && typeof e === "object") {
      if (a === null || typeof a !== "object") return false;
      const keys = Object.keys(e);
      if (Object.keys(a).length !== keys.length) return false;
      let ok = true;
      for (const k of keys) ok = equal((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]) && ok;
      return ok;
    }
    return Object.is(a, e);
  };
  return equal(actual, expected);
}
