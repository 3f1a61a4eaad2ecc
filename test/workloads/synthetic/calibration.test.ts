import { describe, expect, it } from "vitest";
import { BOOT_DEFAULTS, BOOT_READ_SIZES, BOOT_WRITE_SIZES, SERVICE_DEFAULTS, SERVICE_SIZES, type SizeTable } from "../../../src/workloads/synthetic/calibration.ts";

const total = (t: SizeTable) => t.weights.reduce((a, b) => a + b, 0);
const mean = (t: SizeTable) => t.bytes.reduce((sum, b, i) => sum + b * t.weights[i], 0) / total(t);
/** The size of the bucket holding the median request. */
function median(t: SizeTable): number {
  let seen = 0;
  for (let i = 0; i < t.bytes.length; i++) if ((seen += t.weights[i]) >= total(t) / 2) return t.bytes[i];
  return NaN;
}

describe("calibration targets", () => {
  it("BOOT_READ_SIZES: 2,785 reads, median 16 KiB, mean 43.66 kB (42.64 KiB)", () => {
    expect(BOOT_READ_SIZES.bytes).toHaveLength(BOOT_READ_SIZES.weights.length);
    expect(total(BOOT_READ_SIZES)).toBe(2785);
    expect(median(BOOT_READ_SIZES)).toBe(16384);
    expect(mean(BOOT_READ_SIZES) / 1000).toBeCloseTo(43.662, 3);
    expect(BOOT_READ_SIZES.bytes.every((b) => b % 4096 === 0)).toBe(true);
  });

  it("BOOT_WRITE_SIZES and SERVICE_SIZES: 97 boot writes; 113,872 service requests with the median in the 32–64 KiB bucket", () => {
    expect(total(BOOT_WRITE_SIZES)).toBe(97);
    expect(total(SERVICE_SIZES)).toBe(113_872);
    expect(median(SERVICE_SIZES)).toBe(32768);
  });

  it("the defaults agree with the figures they cite: 7,200 s / 113,872 requests ≈ 63,230 µs; sizes in whole 4 KiB / 64 KiB units", () => {
    expect(Math.abs(SERVICE_DEFAULTS.meanGapUs - 7200e6 / 113_872)).toBeLessThan(1.2);
    expect(SERVICE_DEFAULTS.hotSetBytes % 65536).toBe(0);
    expect(SERVICE_DEFAULTS.hotSetBytes / 2 ** 30).toBeCloseTo(1.6, 4);
    expect(BOOT_DEFAULTS.usedBytes % 4096).toBe(0);
    expect(BOOT_DEFAULTS.usedBytes / 2 ** 30).toBeCloseTo(0.83, 5);
    // The working set and journal fit in the image, the journal after the used part.
    expect(BOOT_DEFAULTS.workingSetBytes).toBeLessThan(BOOT_DEFAULTS.usedBytes);
    expect(BOOT_DEFAULTS.journalOffset + BOOT_DEFAULTS.journalBytes).toBeLessThanOrEqual(BOOT_DEFAULTS.diskBytes);
    expect(BOOT_DEFAULTS.journalOffset).toBeGreaterThanOrEqual(BOOT_DEFAULTS.usedBytes);
  });
});
