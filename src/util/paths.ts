/**
 * Path containment: paths written inside a scenario (trace files, profiles) must stay inside the
 * scenario's project, or inside the data folder the scenario (`dataDir`) or the user
 * (`--data-dir`) declares, and results folders rtolab chooses must stay inside the results root,
 * so a shared scenario cannot read `/etc/shadow` or write over `~/.ssh` by `../../..`.
 */
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.ts";

/**
 * The project root of a scenario file: the nearest ancestor folder holding `package.json` or
 * `.git` (so shipped scenarios may name the repository's `traces/`), else the file's own folder.
 *
 * @example
 * scenarioProjectRoot("scenarios/validation/mm1.yaml") === process.cwd() // => true // run from the repository
 * scenarioProjectRoot("/tmp/loose/s.yaml") // => "/tmp/loose" // no package.json or .git above
 */
export function scenarioProjectRoot(scenarioFile: string): string {
  const own = dirname(resolve(scenarioFile));
  for (let folder = own; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json")) || existsSync(join(folder, ".git"))) return folder;
    if (dirname(folder) === folder) return own;
  }
}

/**
 * How results name their scenario file: its path from its project root
 * ({@link scenarioProjectRoot}), with `/` separators. It does not depend on the working
 * directory, so the same run started from anywhere writes the same summary.json and sweep.json.
 *
 * @example
 * scenarioFileLabel(`${process.cwd()}/scenarios/validation/mm1.yaml`) // => "scenarios/validation/mm1.yaml"
 * scenarioFileLabel("/tmp/loose/s.yaml") // => "s.yaml" // no project above: its own folder
 */
export function scenarioFileLabel(scenarioFile: string): string {
  const absolute = resolve(scenarioFile);
  return relative(scenarioProjectRoot(absolute), absolute).split(sep).join("/");
}

/**
 * The real path of `path`, or of its nearest existing ancestor plus the rest (symlinks followed).
 *
 * @example
 * import { realpathSync, symlinkSync } from "node:fs";
 * symlinkSync(tmp, `${tmp}/link`);
 * realish(`${tmp}/link/new/folder`) === `${realpathSync(tmp)}/new/folder` // => true
 */
export function realish(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = existsSync(existing) ? realpathSync(existing) : existing;
  return join(real, relative(existing, path));
}

/**
 * True when `path` is `folder` or lies inside it, after resolving `..` and symlinks.
 *
 * @example
 * isInside("/srv/lab", "/srv/lab/traces/boot1.csv") // => true
 * isInside("/srv/lab", "/srv/lab/../etc/passwd") // => false
 */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(realish(resolve(folder)), realish(resolve(path)));
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves a path written in a scenario (relative to the scenario file's folder, or absolute)
 * and checks it stays inside the scenario's project root ({@link scenarioProjectRoot}). Throws
 * an {@link InputError} naming the file and field otherwise. Model kinds call this for every
 * path field (trace files, profiles) before opening it.
 *
 * @example
 * // run from the repository's root, whose package.json makes it the scenarios' project
 * const root = process.cwd();
 * resolveScenarioPath(`${root}/scenarios/boot.yaml`, "model.trace", "../traces/boot1.csv") // => `${root}/traces/boot1.csv`
 * resolveScenarioPath(`${root}/scenarios/boot.yaml`, "model.trace", "/etc/passwd")
 * // throws `${root}/scenarios/boot.yaml: model.trace: a path inside ${root} (the scenario's project; allow another folder with --data-dir DIR or dataDir), not /etc/passwd`
 */
export function resolveScenarioPath(scenarioFile: string, fieldPath: string, value: string): string {
  return resolveInScenarioFolder(dirname(resolve(scenarioFile)), scenarioFile, fieldPath, value);
}

/**
 * {@link resolveScenarioPath} for code that knows the scenario's folder rather than its file;
 * `source` is what the error names (the scenario file when known, else the folder).
 *
 * @example
 * const root = process.cwd(); // the repository's root
 * resolveInScenarioFolder(`${root}/scenarios`, "boot.yaml", "model.trace", "../traces/boot1.csv") // => `${root}/traces/boot1.csv`
 */
export function resolveInScenarioFolder(scenarioFolder: string, source: string, fieldPath: string, value: string, dataDir?: string): string {
  const root = scenarioProjectRoot(join(scenarioFolder, "scenario"));
  const resolved = resolve(scenarioFolder, value);
  if (value.includes("\0") || !(isInside(root, resolved) || (dataDir !== undefined && isInside(dataDir, resolved)))) {
    const allowed = dataDir === undefined ? `${root} (the scenario's project; allow another folder with --data-dir DIR or dataDir)` : `${root} (the scenario's project) or ${dataDir} (its dataDir)`;
    throw new InputError(source, fieldPath, `a path inside ${allowed}, not ${JSON.stringify(value).slice(1, -1)}`);
  }
  return resolved;
}

/**
 * Checks that a results folder rtolab derived (not one given with `--out`) stays inside the
 * results root; returns it. Throws an {@link InputError} naming `source` otherwise.
 *
 * @example
 * checkResultsFolder("results", "results/mm1/s7-ab12", "mm1.yaml") // => "results/mm1/s7-ab12"
 */
export function checkResultsFolder(resultsRoot: string, folder: string, source: string): string {
  if (!isInside(resultsRoot, folder) || resolve(folder) === resolve(resultsRoot)) {
    throw new InputError(source, "name", `a scenario name whose results folder stays inside ${resultsRoot} (got ${folder})`);
  }
  return folder;
}

/**
 * A file or folder name made safe to use as one path segment: characters other than letters,
 * digits, `.`, `_` and `-` become `_`, leading dots are dropped (no `..`, no hidden folder), and
 * an empty result becomes `fallback`.
 *
 * @example
 * safeFolderName("boot1") // => "boot1"
 * safeFolderName("..") // => "trace"
 * safeFolderName("my trace (v2)") // => "my_trace__v2_"
 */
export function safeFolderName(name: string, fallback = "trace"): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "").slice(0, 120);
  return safe === "" ? fallback : safe;
}
