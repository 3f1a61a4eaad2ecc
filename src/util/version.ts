import { readFileSync } from "node:fs";

/**
 * rtolab's version, from package.json (stored in every summary.json).
 *
 * @example
 * rtolabVersion() // => "0.1.0"
 */
export function rtolabVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
