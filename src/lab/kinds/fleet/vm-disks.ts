/**
 * A fleet VM's disks as the one virtual disk a full restore copies: the disks end to end, disk 0
 * (the boot disk, which the boot trace addresses) first, each in whole chunks, so the trace reads
 * disk 0's region unchanged and the copier moves every disk. Each disk is allocated from its
 * region's start; a block outside every disk's allocated extent that was never written reads as
 * zeros (the copier's sweep marks it without I/O: the restore's VmCopyTarget, given the disks'
 * allocated extents).
 */
import type { BlockRange } from "../../../policies/relocation/types.ts";

/** One disk's place in a {@link VmDisks} layout, in bytes. */
export interface VmDisk {
  /** First byte of the disk's region in the virtual disk (a multiple of the chunk size). */
  offset: number;
  /** Bytes of the region: the disk's size rounded up to whole chunks (disk 0: at least the boot trace's extent). */
  size: number;
  /** Bytes allocated from the region's start (at most `size`). */
  allocated: number;
}

/** A VM's disks laid end to end. */
export interface VmDisks {
  /** Bytes of the virtual disk: the sum of the regions. */
  size: number;
  /** The disks in the VM's order, disk 0 first. */
  disks: VmDisk[];
}

/** What sizes a layout beyond the disks themselves. */
export interface VmDisksOptions {
  /** Bytes of a chunk: every region is a whole number of them. */
  chunkSize: number;
  /** Bytes the boot trace spans on disk 0 (its highest byte + 1): disk 0's region and allocation cover at least this. */
  bootExtent: number;
  /** Allocated bytes of every disk (`restore.pipeline.vms.allocated`); undefined = each whole region. */
  allocated?: number;
}

/**
 * Lays out `sizes` (bytes per disk, disk 0 first) end to end. Disk 0's region and allocation are at
 * least `bootExtent` (as the restore kind's single disk is); each allocation is capped at its
 * region, so it never reaches into the next disk.
 *
 * @example
 * vmDisks([16 * 2 ** 30, 5 * 2 ** 20], { chunkSize: 4 * 2 ** 20, bootExtent: 2 ** 30, allocated: 2 ** 20 })
 * // => { size: 16 * 2 ** 30 + 8 * 2 ** 20, disks: [{ offset: 0, size: 16 * 2 ** 30, allocated: 2 ** 30 }, { offset: 16 * 2 ** 30, size: 8 * 2 ** 20, allocated: 2 ** 20 }] }
 */
export function vmDisks(sizes: readonly number[], options: VmDisksOptions): VmDisks {
  const { chunkSize, bootExtent, allocated } = options;
  const disks: VmDisk[] = [];
  let offset = 0;
  sizes.forEach((bytes, k) => {
    const floor = k === 0 ? bootExtent : 0;
    const size = Math.ceil(Math.max(bytes, floor) / chunkSize) * chunkSize;
    disks.push({ offset, size, allocated: Math.min(size, Math.max(allocated ?? size, floor)) });
    offset += size;
  });
  return { size: offset, disks };
}

/**
 * The allocated extents of a layout in chunks (one per disk with allocated bytes), the
 * `allocated` a relocation scheme's `order()` context takes.
 *
 * @example
 * allocatedChunks(vmDisks([8 * 2 ** 20, 8 * 2 ** 20], { chunkSize: 4 * 2 ** 20, bootExtent: 0, allocated: 2 ** 20 }), 4 * 2 ** 20)
 * // => [{ firstBlock: 0, blockCount: 1 }, { firstBlock: 2, blockCount: 1 }]
 */
export function allocatedChunks(layout: VmDisks, chunkSize: number): BlockRange[] {
  return layout.disks.filter((d) => d.allocated > 0).map((d) => ({ firstBlock: d.offset / chunkSize, blockCount: Math.ceil(d.allocated / chunkSize) }));
}
