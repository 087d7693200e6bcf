/**
 * Numbers in calibration files and options: plain decimals only (no NaN, Infinity, hex or blanks),
 * and the checked read of one CSV cell that measurements.ts and temperature-log.ts share.
 */
export const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Column `name`'s cell `text` as a number, or null once `add` has been told what is wrong: not a
 * plain number (`hint` appended), or `check`'s complaint about the value.
 */
export function cellNumber(name: string, text: string, check: (x: number) => string | null, add: (message: string) => void, hint = ''): number | null {
  if (!PLAIN_NUMBER.test(text)) {
    add(`${name}: '${text}' is not a number${hint}`);
    return null;
  }
  const x = Number(text);
  const problem = check(x);
  if (problem) {
    add(`${name}: ${problem}, got ${text}`);
    return null;
  }
  return x;
}
