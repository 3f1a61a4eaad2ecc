/**
 * Calibration targets of the synthetic workloads, measured on the traces shipped in `traces/`
 * (see traces/README.md) and cross-checked against docs/domain-figures.md rows (cited by name).
 */

/** A discrete size distribution: `bytes[i]` drawn with weight `weights[i]`. */
export interface SizeTable {
  readonly bytes: readonly number[];
  readonly weights: readonly number[];
}

/**
 * Read sizes of the Linux boots boot0 + boot1 up to service ready (2785 reads): one entry per
 * power-of-two bucket, the size being the bucket's mean rounded to 4 KiB, the weight its count.
 * Median 16 KiB, mean 43.6 KiB (measured: 44.6 KB). Windows 7 boots average 19 KB per I/O
 * (domain-figures.md, "Windows 7 boot I/O (physical)", hIOmon).
 *
 * @example
 * BOOT_READ_SIZES.bytes[2] // => 16384
 */
export const BOOT_READ_SIZES: SizeTable = {
  bytes: [4096, 8192, 16384, 45056, 86016, 135168, 389120, 790528, 1052672],
  weights: [1109, 118, 468, 222, 493, 364, 6, 3, 2],
};

/**
 * Write sizes of boot0 + boot1 up to service ready (98 writes), as {@link BOOT_READ_SIZES}.
 *
 * @example
 * BOOT_WRITE_SIZES.bytes[0] // => 4096
 */
export const BOOT_WRITE_SIZES: SizeTable = {
  bytes: [4096, 12288, 24576, 45056, 94208, 241664],
  weights: [48, 17, 12, 8, 11, 1],
};

/**
 * Request sizes of the CloudPhysics VMware VM (113,872 requests, 2 h; traces/README.md), by
 * power-of-two bucket lower bound. Median in the 32–64 KiB bucket (53,248 B).
 *
 * @example
 * SERVICE_SIZES.bytes.at(-1) // => 65536
 */
export const SERVICE_SIZES: SizeTable = {
  bytes: [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536],
  weights: [5027, 2329, 4699, 17405, 20295, 4385, 10116, 49616],
};

/**
 * Defaults of the boot phase (the Linux boot traces measured up to service ready):
 *
 * - `requests` 1480: boot1 issues 1480 requests before service ready (boot0: 1435).
 * - `meanGapUs` 12 000: boot1 11.9 ms, boot0 14.9 ms between issues once the root file system is
 *   read. ~80 IOPS; a Windows 7 boot runs at ~190 IOPS (domain-figures.md, "Windows 7 boot I/O
 *   (physical)" and "Windows 7 laptop boot").
 * - `writeShare` 0.05 of reads + writes: the Linux boots write 2.9–3.9% before service ready
 *   (15% over the whole trace, shutdown included); Windows 7 writes 16% of IOs ("Windows 7 laptop
 *   boot") and 24 of 444 MB ("Windows 7 boot I/O"). 0.05 is the low end of that range.
 * - `flushShare` 0.011: 1.1% of requests in boot0 and boot1.
 * - `sequentialShare` 0.18: reads starting where the previous read ended, boot0 18.6%, boot1
 *   17.6% (GRUB boots reading kernel and initrd from disk: 72%).
 * - `rereadShare` 0.11: reads whose first block was read before, boot0 11.5%, boot1 11.3%.
 * - `workingSetBytes` 56 MiB: distinct 4 KiB blocks read, boot0 55.3 MiB, boot1 56.7 MiB (GRUB
 *   boots ~100 MiB; "Boot working set vs image": ~100 MB from multi-GB images, Squirrel).
 * - `usedBytes` 0.83 GiB of a 3 GiB `diskBytes` image, where the working set lies.
 * - `extentBytes` 768 KiB (a file read at boot) is free: smaller extents clip more reads at
 *   their ends, and with 768 KiB a 1480-request boot reads 88–96% of `workingSetBytes`
 *   (192 KiB: 75–81%).
 * - Writes go to a journal (`journalOffset` 2.75 GiB, the ext4 journal of the traced image) with
 *   `journalShare` 0.8 (free parameter), the rest into the working set.
 *
 * @example
 * BOOT_DEFAULTS.workingSetBytes // => 58720256
 */
export const BOOT_DEFAULTS = {
  requests: 1480,
  meanGapUs: 12_000,
  writeShare: 0.05,
  flushShare: 0.011,
  sequentialShare: 0.18,
  rereadShare: 0.11,
  workingSetBytes: 56 * 2 ** 20,
  usedBytes: Math.round(0.83 * 2 ** 30 / 4096) * 4096,
  diskBytes: 3 * 2 ** 30,
  extentBytes: 768 * 1024,
  journalOffset: 2.75 * 2 ** 30,
  journalBytes: 128 * 2 ** 20,
  journalShare: 0.8,
  readSizes: BOOT_READ_SIZES,
  writeSizes: BOOT_WRITE_SIZES,
} as const;

/**
 * Defaults of the service phase, from the CloudPhysics VMware VM (traces/README.md):
 *
 * - `meanGapUs` 63 230: 113,872 requests in 7,200 s = 15.8 IOPS ("VDI steady state": 8–10 IOPS
 *   for an average user, 14–20 heavy, domain-figures.md).
 * - `writeShare` 0.59: 66,898 of 113,872 ("VDI steady state": up to 90% writes).
 * - `sequentialShare` 0.47: reads starting where the previous request ended, 46.7% (writes 52.7%).
 * - `zipfExponent` 0.53: slope of the rank-frequency of start LBNs over the top 2,000 (43% of
 *   48,974 objects are touched once).
 * - `hotSetBytes` 1.6 GiB: 210,000 distinct 4 KiB blocks read + 208,696 written; `objectBytes`
 *   64 KiB (the largest request size) is a free parameter.
 *
 * @example
 * SERVICE_DEFAULTS.writeShare // => 0.59
 */
export const SERVICE_DEFAULTS = {
  requests: 10_000,
  meanGapUs: 63_230,
  writeShare: 0.59,
  sequentialShare: 0.47,
  zipfExponent: 0.53,
  hotSetOffset: 0,
  hotSetBytes: Math.round((1.6 * 2 ** 30) / 65536) * 65536,
  objectBytes: 64 * 1024,
  sizes: SERVICE_SIZES,
} as const;
