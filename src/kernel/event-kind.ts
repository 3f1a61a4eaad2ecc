/**
 * The fingerprint (see `Simulation`) hashes each executed event's callback **name** as its kind.
 * Hot paths that replace per-event closures by callbacks bound once must keep the names of the
 * closures they replace, or every pinned fingerprint changes: an arrow passed inline has the
 * name `""`, `const f = () => …` has `"f"`, `obj.f = () => …` has `""`. `withKind` states the
 * name explicitly, so a later refactor (say, into a `const`) cannot change it by accident.
 */

/**
 * Sets `callback.name` (the event kind the fingerprint hashes) to `kind` and returns it.
 *
 * @example
 * const onDone = withKind("", (job: Job) => job.finish()); // hashed like an inline arrow
 * onDone.name // => ""
 */
export function withKind<F extends (...args: never[]) => unknown>(kind: string, callback: F): F {
  Object.defineProperty(callback, "name", { value: kind, configurable: true });
  return callback;
}
