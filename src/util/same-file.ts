/**
 * Whether two paths name the same file: the same real path (symbolic links and `..` resolved)
 * or the same (device, inode) pair (hard links). Used before opening an output file, so writing
 * it can never truncate the input it is made from.
 */
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";

/**
 * True when `a` and `b` are the same file. A path that does not exist is the same file as
 * nothing (false), unless both spell the same location.
 *
 * @example
 * isSameFile("traces/boot0.csv", "./traces/../traces/boot0.csv") // => true
 * import { realpathSync, symlinkSync } from "node:fs";
 * symlinkSync(realpathSync("traces/boot0.csv"), `${tmp}/boot0-link.csv`);
 * isSameFile("traces/boot0.csv", `${tmp}/boot0-link.csv`) // => true // a symbolic link to it
 * isSameFile("traces/boot0.csv", "out.csv") // => false
 */
export function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  let real: [string, string];
  try {
    real = [realpathSync(a), realpathSync(b)];
  } catch {
    return false;
  }
  if (real[0] === real[1]) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
