/**
 * Turns schema validation issues into rtolab's one-line error: `<file>: <field path>: <expected>`.
 */
import type { z } from "zod";
import { InputError } from "../util/errors.ts";

/**
 * User text made safe for a one-line message: control characters and line separators are
 * escaped (`\n`, `\u0000`), text past `max` characters is cut with an ellipsis, and empty text
 * shows as `""`.
 *
 * @example
 * printable("a\nb") // => "a\\nb" // a backslash and an n, not a line break
 */
export function printable(text: string, max = 200): string {
  if (text === "") return '""';
  const escaped = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) =>
    char === "\n" ? "\\n" : char === "\r" ? "\\r" : char === "\t" ? "\\t" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/**
 * Formats a field path the way users write it: `model.disks[2].size`.
 *
 * @example
 * formatPath(["model", "disks", 2, "size"]) // => "model.disks[2].size"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${printable(String(part))}` : printable(String(part));
  }
  return out;
}

// Keys an earlier rtolab read, with what replaced them, and the objects they were read in
// (the last key of the path): a scenario written for it gets the way on; the same name
// elsewhere is just unknown.
const REPLACED_KEYS: Readonly<Record<string, { in: readonly string[]; message: string }>> = {
  vcpus: {
    in: ["model", "vms", "service"],
    message: 'no "vcpus" any more: the replay counts the guest\'s threads, not its vCPUs (docs/replay.md, rule 3); "threads" sets them (default 2)',
  },
};

function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; expected: string } {
  const path = [...issue.path];
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0];
      // Schemas generated from definitions say which keys are valid (policy options); keep their message.
      if (issue.message && !/^Unrecognized key/.test(issue.message)) return { path: [...path, key], expected: printable(issue.message) };
      const replaced = Object.hasOwn(REPLACED_KEYS, key) ? REPLACED_KEYS[key] : undefined;
      if (replaced !== undefined && replaced.in.includes(String(path[path.length - 1]))) return { path: [...path, key], expected: replaced.message };
      return { path: [...path, key], expected: `unknown key "${printable(key)}" (see \`rtolab schema\` for the format)` };
    }
    case "invalid_union":
      {
        // zod adds the allowed discriminator values to this issue, though its type does not say so.
        const options = (issue as { options?: unknown }).options;
        // A discriminator that may be left out (a section's default policy) adds `undefined`: not a value to offer.
        if (Array.isArray(options)) return { path, expected: `expected one of ${options.filter((o) => o != null).map((o) => JSON.stringify(o)).join(", ")}` };
      }
      return { path, expected: issue.message };
    case "invalid_type":
      if (issue.message.includes("received undefined")) return { path, expected: `required field missing (expected ${issue.expected})` };
      return { path, expected: issue.message.replace(/^Invalid input: /, "") };
    default:
      return { path, expected: issue.message.replace(/^Invalid input: /, "") };
  }
}

/**
 * The first validation issue as an {@link InputError} naming `source` and the field path.
 *
 * @example
 * issuesToInputError("mm1.yaml", [{ code: "unrecognized_keys", keys: ["servrs"], path: ["model"], message: "" }]).message
 * // => 'mm1.yaml: model.servrs: unknown key "servrs" (see `rtolab schema` for the format)'
 * issuesToInputError("boot.yaml", [{ code: "unrecognized_keys", keys: ["vcpus"], path: ["model"], message: "" }]).message
 * // => 'boot.yaml: model.vcpus: no "vcpus" any more: the replay counts the guest\'s threads, not its vCPUs (docs/replay.md, rule 3); "threads" sets them (default 2)'
 */
export function issuesToInputError(source: string, issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): InputError {
  const first = issues[0];
  if (!first) return new InputError(source, "", "invalid input");
  const { path, expected } = describeIssue(first);
  return new InputError(source, formatPath([...prefix, ...path]), expected);
}
