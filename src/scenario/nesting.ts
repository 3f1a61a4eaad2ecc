/**
 * Bounds on how deeply a scenario document nests, checked without recursion. Real scenarios nest
 * about six levels; a hostile document of a million `[` would otherwise take the YAML parser tens
 * of seconds or overflow the stack of every recursive walk after it (validation, hashing, cloning).
 */
import { Lexer } from "yaml";
import { InputError } from "../util/errors.ts";
import { formatPath } from "./issues.ts";

/**
 * Deepest nesting of lists and mappings a scenario document may have.
 *
 * @example
 * MAX_NESTING // => 64
 */
export const MAX_NESTING = 64;

/**
 * Throws an {@link InputError} naming the line when YAML `text` opens flow collections (`[`, `{`)
 * more than `max` deep. Scans the lexer's tokens (quoted text and comments are single tokens, so
 * brackets inside them do not count) and stops at the first violation: linear, no parse.
 *
 * @example
 * checkYamlFlowDepth("a: [[1]]", "s.yaml"); // => undefined // fine
 * checkYamlFlowDepth("a: " + "[".repeat(100), "s.yaml"); // throws "s.yaml: line 1: lists and mappings nested at most 64 deep"
 */
export function checkYamlFlowDepth(text: string, source: string, max = MAX_NESTING): void {
  let depth = 0;
  let line = 1;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      if (++depth > max) throw new InputError(source, `line ${line}`, `lists and mappings nested at most ${max} deep`);
    } else if (token === "]" || token === "}") {
      depth = Math.max(0, depth - 1);
    } else {
      for (let at = token.indexOf("\n"); at >= 0; at = token.indexOf("\n", at + 1)) line++;
    }
  }
}

/**
 * Throws an {@link InputError} naming the field path when `value` (a parsed document) nests
 * lists and objects more than `max` deep. Iterative, so it is safe on any depth.
 *
 * @example
 * checkNesting({ a: [{ b: 1 }] }, "s.json"); // => undefined // fine
 * checkNesting([[[1]]], "s.json", 2); // throws "s.json: [0][0]: lists and mappings nested at most 2 deep"
 */
export function checkNesting(value: unknown, source: string, max = MAX_NESTING): void {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (path.length >= max) throw new InputError(source, formatPath(path), `lists and mappings nested at most ${max} deep`);
    if (Array.isArray(node)) node.forEach((child, index) => stack.push({ node: child, path: [...path, index] }));
    else if (Object.getPrototypeOf(node) === Object.prototype || Object.getPrototypeOf(node) === null) {
      for (const [key, child] of Object.entries(node)) stack.push({ node: child, path: [...path, key] });
    }
  }
}
