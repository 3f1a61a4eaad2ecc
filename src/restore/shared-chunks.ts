/**
 * Image diversity in a dedup store: VMs cloned from one template share a declared fraction of
 * their chunks (the same chunk, stored once, one cache entry per media agent); VMs of different
 * templates share none. Which chunks are shared is fixed by the chunk's index, evenly spread:
 * chunk c is shared when ⌊(c+1)·f⌋ > ⌊c·f⌋, so any n consecutive chunks hold ⌊n·f⌋ or ⌈n·f⌉ shared
 * ones and chunks 0..n−1 exactly ⌊n·f⌋ (the sum telescopes). A boot whose reads are spread over
 * the disk then finds about a fraction f of them shared; a read pattern with the same period
 * as the spacing (f = 1/2 and only odd chunks read) would not, which real boot traces do not do.
 */

/** A template's image on one media agent: where its shared chunks live and their cache keys. */
export interface SharedImage {
  /** The template's name, e.g. `templates.win0`. */
  readonly name: string;
  /** Cache key of the image's chunk 0 (a range of `chunkCount` keys no mount uses). */
  readonly keyBase: number;
  /** Byte offset of the image's chunks on the media agent's secondary storage. */
  readonly storageBase: number;
  /** Chunks of the image: a clone's chunks past it are its own. */
  readonly chunkCount: number;
  /** Fraction of a clone's chunks that are the template's, in [0, 1]. */
  readonly fraction: number;
}

/**
 * Whether chunk `chunk` of a clone is its template's, for shared fraction `fraction`.
 *
 * @example
 * const chunks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
 * chunks.filter((c) => isSharedChunk(c, 0.5)) // => [1, 3, 5, 7, 9]
 * chunks.filter((c) => isSharedChunk(c, 0.3)) // => [3, 6, 9]
 * isSharedChunk(7, 1) // => true
 * isSharedChunk(7, 0) // => false
 */
export function isSharedChunk(chunk: number, fraction: number): boolean {
  return Math.floor((chunk + 1) * fraction) > Math.floor(chunk * fraction);
}

/**
 * Whether chunk `chunk` of a clone of `image` (null: not a clone) is the image's: shared by the
 * fraction and inside the image (a clone's chunks past the image's end are its own).
 *
 * @example
 * const image = { name: "templates.win0", keyBase: 1000, storageBase: 1 << 30, chunkCount: 4, fraction: 0.5 };
 * const chunks = [0, 1, 2, 3, 4, 5];
 * chunks.filter((c) => inImage(image, c)) // => [1, 3] // 5 is past the image
 * inImage(null, 1) // => false
 */
export function inImage(image: SharedImage | null, chunk: number): boolean {
  return image !== null && chunk < image.chunkCount && isSharedChunk(chunk, image.fraction);
}
