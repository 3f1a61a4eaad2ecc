/**
 * Units used in scenario files. Internally rtolab counts time in integer nanoseconds and sizes
 * in bytes; scenario files may write `"250us"`, `"1.5s"`, `"5min"`, `"64GiB"`, `"10Gbit/s"`.
 */

const TIME_UNITS_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  min: 60e9,
  h: 3600e9,
  d: 86400e9,
};

const SIZE_UNITS_BYTES: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
};

/** Bandwidth units in bytes per second (bits are divided by 8). */
const RATE_UNITS_BYTES_PER_S: Record<string, number> = {
  "B/s": 1,
  "KB/s": 1e3,
  "MB/s": 1e6,
  "GB/s": 1e9,
  "KiB/s": 2 ** 10,
  "MiB/s": 2 ** 20,
  "GiB/s": 2 ** 30,
  "bit/s": 1 / 8,
  "Kbit/s": 1e3 / 8,
  "Mbit/s": 1e6 / 8,
  "Gbit/s": 1e9 / 8,
  "Tbit/s": 1e12 / 8,
  bps: 1 / 8,
  Kbps: 1e3 / 8,
  Mbps: 1e6 / 8,
  Gbps: 1e9 / 8,
};

const QUANTITY = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zµ/]+)?\s*$/;

function parseQuantity(text: string, units: Record<string, number>, defaultUnit: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const unit = match[2] ?? defaultUnit;
  const factor = units[unit];
  if (factor === undefined) return undefined;
  return Number(match[1]) * factor;
}

/**
 * Parses a duration into integer nanoseconds. A bare number means seconds.
 * Returns `undefined` when the text is not a duration.
 *
 * @example
 * parseDuration("250us") // => 250000
 * parseDuration("1.5s")  // => 1500000000
 * parseDuration(2)       // => 2000000000
 */
export function parseDuration(value: string | number): number | undefined {
  const ns = typeof value === "number" ? value * 1e9 : parseQuantity(value, TIME_UNITS_NS, "s");
  if (ns === undefined || !Number.isFinite(ns)) return undefined;
  return Math.round(ns);
}

/**
 * Parses a size into bytes (rounded to an integer). A bare number means bytes.
 *
 * @example
 * parseSize("64GiB") // => 68719476736
 * parseSize("4KiB")  // => 4096
 * parseSize(512)     // => 512
 */
export function parseSize(value: string | number): number | undefined {
  const bytes = typeof value === "number" ? value : parseQuantity(value, SIZE_UNITS_BYTES, "B");
  if (bytes === undefined || !Number.isFinite(bytes)) return undefined;
  return Math.round(bytes);
}

/**
 * Parses a bandwidth into bytes per second. A bare number means bytes per second.
 *
 * @example
 * parseRate("10Gbit/s") // => 1250000000
 * parseRate("500MB/s")  // => 500000000
 */
export function parseRate(value: string | number): number | undefined {
  const rate = typeof value === "number" ? value : parseQuantity(value, RATE_UNITS_BYTES_PER_S, "B/s");
  if (rate === undefined || !Number.isFinite(rate)) return undefined;
  return rate;
}

/** SI base units of the quantities scenario files write, as they name CSV columns. */
export type SiUnit = "s" | "bytes" | "bytes/s";

/**
 * A quantity written with its unit (`"1.25ms"`, `"64MiB"`, `"10Gbit/s"`) as a number in SI base
 * units: seconds, bytes or bytes per second. Undefined for anything else, a bare number included
 * (it has no unit to convert from).
 *
 * @example
 * siQuantity("1.25ms") // => { value: 0.00125, unit: "s" }
 * siQuantity("1.1ms")  // => { value: 0.0011, unit: "s" }
 * siQuantity("64MiB")  // => { value: 67108864, unit: "bytes" }
 * siQuantity("10Gbit/s") // => { value: 1250000000, unit: "bytes/s" }
 * siQuantity("64")     // => undefined
 */
export function siQuantity(text: string): { value: number; unit: SiUnit } | undefined {
  const match = QUANTITY.exec(text);
  const unit = match?.[2];
  if (!match || unit === undefined) return undefined;
  const number = Number(match[1]);
  // Durations and sizes as the model reads them (whole ns, whole bytes), so 1.1ms is 0.0011 s.
  if (TIME_UNITS_NS[unit] !== undefined) return { value: Math.round(number * TIME_UNITS_NS[unit]) / 1e9, unit: "s" };
  if (SIZE_UNITS_BYTES[unit] !== undefined) return { value: Math.round(number * SIZE_UNITS_BYTES[unit]), unit: "bytes" };
  if (RATE_UNITS_BYTES_PER_S[unit] !== undefined) return { value: number * RATE_UNITS_BYTES_PER_S[unit], unit: "bytes/s" };
  return undefined;
}

/** Nanoseconds per unit, for code that builds times: `5 * NS_PER.ms`. */
export const NS_PER = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9 } as const;

/**
 * A byte count in binary units, one decimal when not whole: what messages and `trace info` print.
 *
 * @example
 * formatBytes(512)         // => "512 B"
 * formatBytes(1.5 * 2 ** 20) // => "1.5 MiB"
 * formatBytes(2 ** 50)     // => "1 PiB"
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}
