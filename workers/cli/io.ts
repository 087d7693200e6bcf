/**
 * Where a `cryo` command writes: a real process passes its stdout and stderr, tests pass
 * strings. Its own module so commands and main.ts share it without importing each other.
 */
export interface Io {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
}

/** A subcommand: its arguments after the command name; resolves to the exit code. */
export type Command = (argv: string[], io: Io) => number | Promise<number>;
