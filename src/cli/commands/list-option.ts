/**
 * Flattens a repeatable, comma-separated option: `--policy lru,arc --policy fifo`.
 *
 * @example
 * listOption(["lru,arc", "fifo"]) // => ["lru", "arc", "fifo"]
 */
export function listOption(values: readonly (string | number)[]): string[] {
  return values.flatMap((value) => String(value).split(",")).map((item) => item.trim()).filter((item) => item.length > 0);
}
