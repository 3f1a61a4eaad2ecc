/**
 * Reading a user's file with a byte limit (counted while reading, so `/dev/zero`, a FIFO or a
 * file that grows cannot exhaust memory the way a `stat().size` check lets them), and JSON
 * parsing that refuses what `JSON.parse` lets through silently (a key given twice), each
 * failure as one InputError line naming the file (and the line).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { InputError } from "./errors.ts";
import { formatBytes } from "./units.ts";

const CHUNK = 64 * 1024;

/**
 * The bytes of `path`, at most `maxBytes`; an InputError naming `what` (a noun: "scenario file") when the file is larger,
 * missing, a folder or unreadable.
 *
 * @example
 * readFileLimited("/dev/zero", 1024, "scenario file")
 * // throws "/dev/zero: a scenario file of at most 1 KiB (it holds more)"
 */
export function readFileLimited(path: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(path, "", `a readable ${what} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new InputError(path, "", `a ${what} of at most ${formatBytes(maxBytes)} (it holds more)`);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, "", `a readable ${what} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Parses JSON text read from `path`: the value, or an InputError naming the line of a syntax
 * error or of a key an object gives twice (`JSON.parse` keeps the last silently; YAML refuses).
 *
 * @example
 * parseJsonText("s.json", '{\n  "seed": 1,\n  "seed": 2\n}')
 * // throws 's.json: line 3: valid JSON with each key once ("seed" is given twice in one object)'
 */
export function parseJsonText(path: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(path, text, (error as Error).message);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) throw new InputError(path, `line ${duplicate.line}`, `valid JSON with each key once (${JSON.stringify(duplicate.key)} is given twice in one object)`);
  return value;
}

/**
 * Reads and parses a JSON file with {@link readFileLimited} and {@link parseJsonText}.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync(`${tmp}/s.json`, '{"seed": 7}');
 * readJsonFile(`${tmp}/s.json`, 1024, "summary.json") // => { seed: 7 }
 */
export function readJsonFile(path: string, maxBytes: number, what: string): unknown {
  return parseJsonText(path, readFileLimited(path, maxBytes, what).toString("utf8"));
}

/**
 * V8's JSON.parse message as one line with the line number: "at position N" becomes `line L`,
 * and the echo of the source text that some messages carry (it may span lines) is dropped.
 */
function jsonSyntaxError(path: string, text: string, message: string): InputError {
  const position = /at position (\d+)/.exec(message);
  const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
  const reason = message.replace(/, ".*" is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "").replace(/\s+/g, " ");
  return new InputError(path, line ? `line ${line}` : "", `valid JSON (${reason})`);
}

/**
 * The first key that an object of `text` (valid JSON) gives twice, with its 1-based line. A
 * single pass over the text: strings are skipped whole, one set of keys per open object.
 */
function firstDuplicateKey(text: string): { key: string; line: number } | undefined {
  const keys: (Set<string> | undefined)[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") line++;
    else if (char === "{") {
      keys.push(new Set());
      expectKey = true;
    } else if (char === "[") {
      keys.push(undefined);
    } else if (char === "}" || char === "]") {
      keys.pop();
      expectKey = false;
    } else if (char === ",") {
      expectKey = keys[keys.length - 1] !== undefined;
    } else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const seen = keys[keys.length - 1];
        if (seen?.has(key)) return { key, line };
        seen?.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
