/**
 * Leftovers of an interrupted atomic write. {@link writeFolderAtomically} writes into
 * `.tmp-<name>-<pid>/` beside the target and moves the previous folder to `.old-<name>-<pid>/`
 * for the instant of the swap; a SIGKILL (or power loss) at the wrong moment leaves them behind.
 * The next write into the same parent folder tidies them up when their process is gone.
 */
import { lstatSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isRtolabFolder } from "./folder-marker.ts";

/** A leftover's name: kind, the target's name and the writer's process id. */
const LEFTOVER = /^\.(tmp|old)-(.+)-(\d+)$/;

/**
 * True when process `pid` is running (or exists under another user); false once it is gone.
 *
 * @example
 * isLiveProcess(process.pid) // => true
 */
export function isLiveProcess(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function isEmptyFolder(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What {@link cleanLeftovers} did, by path. */
export interface LeftoverCleanup {
  removed: string[];
  restored: string[];
}

/**
 * Tidies `parent` after interrupted writes: for each `.tmp-<name>-<pid>` or `.old-<name>-<pid>`
 * folder whose process is no longer alive, a `.old-*` folder is renamed back to `<name>` when
 * `<name>` is missing (the swap was cut short: the previous results come back); other leftovers
 * are removed, but only when they are empty or folders rtolab wrote (a user's folder that
 * happens to match the pattern stays). Leftovers of live processes (a concurrent write) are
 * left alone. Never throws: tidying is best effort.
 *
 * @example
 * import { mkdirSync } from "node:fs";
 * mkdirSync(`${tmp}/mm1/.tmp-s7-ab12cd34ef-4242`, { recursive: true }); // left by process 4242, which is gone
 * cleanLeftovers(`${tmp}/mm1`) // => { removed: [`${tmp}/mm1/.tmp-s7-ab12cd34ef-4242`], restored: [] }
 */
export function cleanLeftovers(parent: string): LeftoverCleanup {
  const done: LeftoverCleanup = { removed: [], restored: [] };
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return done;
  }
  for (const name of names) {
    const match = LEFTOVER.exec(name);
    if (!match || isLiveProcess(Number(match[3]))) continue;
    const path = join(parent, name);
    try {
      if (!lstatSync(path).isDirectory()) continue;
      const target = join(parent, match[2]);
      if (match[1] === "old" && !exists(target) && isRtolabFolder(path)) {
        renameSync(path, target);
        done.restored.push(target);
      } else if (isEmptyFolder(path) || isRtolabFolder(path)) {
        rmSync(path, { recursive: true, force: true });
        done.removed.push(path);
      }
    } catch {
      // Another process tidied it first, or the folder is not ours to touch: leave it.
    }
  }
  return done;
}
