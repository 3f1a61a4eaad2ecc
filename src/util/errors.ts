/**
 * Bad input from a user (a scenario, a trace, a flag). The CLI prints `message` as one line and
 * exits with code 2; anything else that escapes is a bug in rtolab.
 *
 * The message format is `<file>: <field path or line>: <what was expected>`.
 *
 * @example
 * new InputError("mm1.yaml", "model.servers", "a positive integer").message
 * // => "mm1.yaml: model.servers: a positive integer"
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    /** The file (or "--set", "--seed", ...) the bad input came from. */
    readonly source: string,
    /** Field path (`a.b[2].c`), `line 12` or `record 7`; empty when the whole input is wrong. */
    readonly where: string,
    /** What was expected, in words a user understands. */
    readonly expected: string,
  ) {
    super(where ? `${source}: ${where}: ${expected}` : `${source}: ${expected}`);
  }
}

/** True when `error` is an {@link InputError}, also across module copies (worker threads). */
export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && error.name === "InputError";
}

/**
 * A simulation invariant broke (bytes not conserved, a guest write lost, a request unaccounted).
 * Fails the run loudly with what broke, where and when.
 */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
}
