/**
 * Turns schema validation issues into rtolab's one-line error: `<file>: <field path>: <expected>`.
 */
import type { z } from "zod";
import { InputError } from "../util/errors.ts";

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
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; expected: string } {
  const path = [...issue.path];
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0];
      return { path: [...path, key], expected: `unknown key "${key}" (see \`rtolab schema\` for the format)` };
    }
    case "invalid_union":
      {
        // zod adds the allowed discriminator values to this issue, though its type does not say so.
        const options = (issue as { options?: unknown }).options;
        if (Array.isArray(options)) return { path, expected: `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}` };
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
 */
export function issuesToInputError(source: string, issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): InputError {
  const first = issues[0];
  if (!first) return new InputError(source, "", "invalid input");
  const { path, expected } = describeIssue(first);
  return new InputError(source, formatPath([...prefix, ...path]), expected);
}
