import type { PolicyDefinition } from "../registry.ts";
import { Sequential } from "./sequential.ts";
import { schemeDefinition } from "./support.ts";
import type { RelocationOptions, RelocationSchemeEntry } from "./types.ts";

/**
 * Definition of `copy-on-read`: blocks the guest reads are copied as they pass; the background
 * copy runs sequentially in extents of `extentBlocks`.
 *
 * @example
 * definition.name // => "copy-on-read"
 */
export const definition: PolicyDefinition = schemeDefinition(
  "copy-on-read",
  "Copy each block the guest reads to primary as it passes; a sequential background copy moves the rest.",
);

/**
 * Copy-on-read: the background order is {@link Sequential}'s, and `copyOnRead` is true, so the
 * copier also writes every block a demand read brings from the backup (and later skips it).
 *
 * @example
 * new CopyOnRead().copyOnRead; // => true
 * [...new CopyOnRead().order({ blockCount: 3 })] // => [{ firstBlock: 0, blockCount: 3 }]
 */
export class CopyOnRead extends Sequential {
  override readonly copyOnRead: boolean = true;

  constructor(options: RelocationOptions = {}) {
    super(options, definition);
  }
}

/**
 * Registry entry of `copy-on-read`.
 *
 * @example
 * copyOnReadEntry.create({}).copyOnRead // => true
 */
export const copyOnReadEntry: RelocationSchemeEntry = { definition, create: (options) => new CopyOnRead(options) };
