/**
 * The points of a sweep, in a documented deterministic order.
 *
 * Grid order: fields in the order the file writes them, the **last field varying fastest**
 * (like nested loops, or reading an odometer). `{ a: [1, 2], b: [x, y] }` gives
 * (1,x) (1,y) (2,x) (2,y). A list keeps its order. Each combination is then crossed with the
 * scenario's variants (variant fastest), so a policy comparison sits in adjacent points.
 */
import { InputError } from "../../util/errors.ts";
import { siQuantity, type SiUnit } from "../../util/units.ts";
import { parseFieldPath } from "../../scenario/set.ts";
import type { SweepSpec } from "../../scenario/sweep.ts";

/** Field path → raw value of one combination of swept fields. */
export type FieldValues = Record<string, unknown>;

/** Scenario fields a sweep must not vary: they define the sweep itself. */
const RESERVED = new Set(["version", "name", "seed", "replications", "sweep", "variants"]);

/**
 * Every combination of swept field values, in sweep order (see the module comment).
 * Throws an {@link InputError} naming `sweep.grid.<field>` for a malformed or reserved field.
 *
 * @example
 * sweepCombinations({ grid: { a: [1, 2], b: ["x", "y"] } }, "s.yaml")
 * // => [{ a: 1, b: "x" }, { a: 1, b: "y" }, { a: 2, b: "x" }, { a: 2, b: "y" }]
 */
export function sweepCombinations(sweep: Pick<SweepSpec, "grid" | "list">, source: string): FieldValues[] {
  if (sweep.list) {
    sweep.list.forEach((point, index) => Object.keys(point).forEach((field) => checkField(field, source, `sweep.list[${index}]`)));
    return sweep.list.map((point) => ({ ...point }));
  }
  const grid = Object.entries(sweep.grid ?? {});
  for (const [field] of grid) checkField(field, source, "sweep.grid");
  const total = grid.reduce((product, [, values]) => product * values.length, 1);
  if (total > 100_000) throw new InputError(source, "sweep.grid", `at most 100000 combinations (this grid has ${total})`);
  let combinations: FieldValues[] = [{}];
  for (const [field, values] of grid) {
    combinations = combinations.flatMap((partial) => values.map((value) => ({ ...partial, [field]: value })));
  }
  return combinations;
}

function checkField(field: string, source: string, where: string): void {
  let head: string | number;
  try {
    head = parseFieldPath(field)[0];
  } catch {
    throw new InputError(source, `${where}.${field}`, 'a field path like "model.servers" or "model.disks[0].size"');
  }
  if (typeof head === "string" && RESERVED.has(head)) {
    throw new InputError(source, `${where}.${field}`, `a model field (${head} is set by the sweep itself)`);
  }
}

/**
 * A combination as `--set` assignments (values as JSON, which YAML reads back unchanged).
 *
 * @example
 * assignments({ "model.servers": 2, "model.arrival.mean": "1ms" }) // => ["model.servers=2", 'model.arrival.mean="1ms"']
 */
export function assignments(values: FieldValues): string[] {
  return Object.entries(values).map(([field, value]) => `${field}=${JSON.stringify(value)}`);
}

/**
 * A point id of fixed width, so file names sort in point order: `p0007`.
 *
 * @example
 * pointId(7, 12) // => "p0007"
 * pointId(12345, 20000) // => "p12345"
 */
export function pointId(index: number, total: number): string {
  return `p${String(index).padStart(Math.max(4, String(Math.max(0, total - 1)).length), "0")}`;
}

/**
 * A field value as a CSV cell: numbers and strings as they are, anything else as JSON.
 *
 * @example
 * fieldCell("2ms") // => "2ms"
 * fieldCell({ device: "hdd" }) // => '{"device":"hdd"}'
 */
export function fieldCell(value: unknown): string | number {
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}

const SI_SUFFIX: Record<SiUnit, string> = { s: "s", bytes: "bytes", "bytes/s": "bytes_per_s" };

/**
 * The SI columns of swept fields: for each field whose every value (where set) is written with
 * a unit of one kind (`"2ms"`, `"64MiB"`, `"10Gbit/s"`), a column `<field>_s`, `<field>_bytes`
 * or `<field>_bytes_per_s` holding the value as a number in that unit, next to the field's
 * column as written. Fields of plain numbers or objects get none.
 *
 * @example
 * const columns = siColumns(["model.arrival.mean", "model.servers"], [{ "model.arrival.mean": "2ms", "model.servers": 1 }, { "model.arrival.mean": "1.25ms", "model.servers": 2 }]);
 * columns.map((c) => [c.column, c.cell({ "model.arrival.mean": "1.25ms" })]) // => [["model.arrival.mean_s", 0.00125]]
 */
export function siColumns(fields: readonly string[], points: readonly FieldValues[]): { field: string; column: string; cell: (values: FieldValues) => number | "" }[] {
  const columns: { field: string; column: string; cell: (values: FieldValues) => number | "" }[] = [];
  for (const field of fields) {
    const set = points.map((values) => values[field]).filter((value) => value !== undefined);
    const quantities = set.map((value) => (typeof value === "string" ? siQuantity(value) : undefined));
    const unit = quantities[0]?.unit;
    if (unit === undefined || quantities.some((q) => q?.unit !== unit)) continue;
    columns.push({
      field,
      column: `${field}_${SI_SUFFIX[unit]}`,
      cell: (values) => (typeof values[field] === "string" ? (siQuantity(values[field] as string)?.value ?? "") : ""),
    });
  }
  return columns;
}
