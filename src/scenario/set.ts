/**
 * `--set path=value` overrides: applied to the raw scenario document before validation, so the
 * override is checked exactly like a field written in the file.
 */
import { parse as parseYaml } from "yaml";
import { InputError } from "../util/errors.ts";
import { formatPath, printable } from "./issues.ts";
import { checkYamlFlowDepth } from "./nesting.ts";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Splits `a.b[2].c` into `["a", "b", 2, "c"]`; throws an {@link InputError} on a malformed path.
 *
 * @example
 * parseFieldPath("model.disks[2].size") // => ["model", "disks", 2, "size"]
 */
export function parseFieldPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|(\.)/gy;
  let expectKey = true;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < path.length && (match = pattern.exec(path))) {
    if (match[1] !== undefined) {
      if (!expectKey) break;
      parts.push(match[1]);
      expectKey = false;
    } else if (match[2] !== undefined) {
      if (expectKey) break;
      parts.push(Number(match[2]));
    } else {
      if (expectKey) break;
      expectKey = true;
    }
  }
  if (pattern.lastIndex !== path.length || expectKey || parts.length === 0) {
    throw new InputError("--set", printable(path), 'a field path like "model.servers" or "vms[0].disk.size"');
  }
  for (const part of parts) {
    if (typeof part === "string" && FORBIDDEN_KEYS.has(part)) {
      throw new InputError("--set", printable(path), `"${part}" is not a scenario field`);
    }
  }
  return parts;
}

/**
 * Applies one `path=value` override to `document` in place. The value is read as a YAML scalar or
 * flow collection, so `--set model.servers=4` gives a number and `--set seed=7` an integer.
 *
 * @example
 * const doc = { model: { servers: 1 } };
 * applySet(doc, "model.servers=4"); doc.model.servers // => 4
 */
export function applySet(document: Record<string, unknown>, assignment: string): void {
  const equals = assignment.indexOf("=");
  if (equals <= 0) throw new InputError("--set", printable(assignment), "expected path=value, like model.servers=4");
  const text = assignment.slice(equals + 1);
  checkYamlFlowDepth(text, "--set");
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 0, logLevel: "error" });
  } catch {
    throw new InputError("--set", printable(assignment), "a value written as YAML, like 4, 2ms or [1, 2]");
  }
  setField(document, assignment.slice(0, equals).trim(), value, "--set");
}

/**
 * Sets the field at `path` (`a.b[2].c`) of `document` to `value`, creating missing objects and
 * lists on the way. `source` names the origin of the override in errors.
 *
 * @example
 * const doc = {}; setField(doc, "model.disk", { device: "hdd" }, "variants[0]"); doc // => { model: { disk: { device: "hdd" } } }
 */
export function setField(document: Record<string, unknown>, pathText: string, value: unknown, source: string): void {
  let path: (string | number)[];
  try {
    path = parseFieldPath(pathText);
  } catch {
    throw new InputError(source, printable(pathText), 'a field path like "model.servers" or "vms[0].disk.size" (no __proto__)');
  }
  let node: unknown = document;
  for (let i = 0; i < path.length; i++) {
    // A list index may extend a list by one item, never leave holes: `samples[4294967294]`
    // would make a sparse list that validation then walks item by item for minutes.
    const key = path[i];
    if (typeof key === "number" && Array.isArray(node) && key > node.length) {
      throw new InputError(source, printable(formatPath(path.slice(0, i + 1))), `a list index up to ${node.length} (the list has ${node.length} item${node.length === 1 ? "" : "s"})`);
    }
    if (i === path.length - 1) break;
    const container = node as Record<string | number, unknown>;
    if (container[key] === undefined || container[key] === null) {
      container[key] = typeof path[i + 1] === "number" ? [] : {};
    }
    node = container[key];
    if (typeof node !== "object" || node === null) {
      throw new InputError(source, printable(pathText), `${path.slice(0, i + 1).join(".")} is not an object or list`);
    }
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
}
