/**
 * Every scheduled event declares its **kind**, a name `"<component>.<event>"` written where the
 * component schedules it (`sim.schedule(delay, "guest.issue", issue, i)`). The run fingerprint
 * hashes that name, never the callback's JavaScript name: renaming or rebinding a function
 * leaves pinned fingerprints alone, while a model that schedules a different kind of event (or
 * the same events at other times, or for other components) changes them.
 *
 * The type demands a dot, so `""` or a bare word does not compile; `Simulation` also throws at
 * run time when the kind is not a string (an untyped caller passing the callback first).
 */
export type EventKind = `${string}.${string}`;

/**
 * The 32-bit FNV-1a hash of a kind's name (UTF-16 code units, low byte first), the number the
 * fingerprint folds in for it. Hashing the name itself, rather than an id given in first-seen
 * order, is what makes renaming a kind change the fingerprint. Throws an Error for a name
 * without a dot (only reachable from untyped code).
 *
 * @example
 * eventKindCode("guest.issue") === eventKindCode("guest.issue") // => true
 * eventKindCode("guest.issue") === eventKindCode("guest.issued") // => false
 */
export function eventKindCode(kind: EventKind): number {
  if (typeof kind !== "string" || kind.indexOf(".") <= 0) {
    throw new Error(`an event kind must be a "<component>.<event>" name, got ${String(kind)}`);
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) {
    const unit = kind.charCodeAt(i);
    hash = Math.imul(hash ^ (unit & 0xff), 0x01000193);
    hash = Math.imul(hash ^ (unit >>> 8), 0x01000193);
  }
  return hash >>> 0;
}
