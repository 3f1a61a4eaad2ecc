import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandsNamed } from "../../../src/cli/commands/catalog.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

/** A module hook that writes every src/ module the CLI resolves to stderr, one `import <url>` line each. */
const HOOKS = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes("/src/")) process.stderr.write("import " + result.url + "\\n");
  return result;
}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`)}`;

/** The CLI's stdout and the src/cli/commands modules it imported. */
function commandModulesOf(...args: string[]): { stdout: string; modules: string[] } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--import", REGISTER, join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8" });
  expect(result.status).toBe(0);
  const modules = result.stderr.split("\n").filter((line) => line.includes("/src/cli/commands/")).map((line) => line.replace(/^.*\/src\/cli\/commands\//, ""));
  return { stdout: result.stdout, modules: [...new Set(modules)].sort() };
}

describe("command catalog (#17: lazy command loading)", () => {
  it("commandsNamed(argv) is every command named on the line, none for --help, --version or a typo", () => {
    expect(commandsNamed(["run", "scenarios/validation/mm1.yaml"])).toEqual(["run"]);
    expect(commandsNamed(["--data-dir", "run", "sweep", "s.yaml"])).toEqual(["run", "sweep"]);
    expect([commandsNamed(["--help"]), commandsNamed(["--version"]), commandsNamed(["rnu"]), commandsNamed(["toString"])]).toEqual([[], [], [], []]);
  });

  it("rtolab --help lists every command from the catalog and imports no command module; cachesim --help imports its own only", () => {
    const help = commandModulesOf("--help");
    expect(help.modules).toEqual(["catalog.ts"]);
    for (const { usage } of Object.values(COMMANDS)) expect(help.stdout).toContain(`rtolab ${usage}`);
    expect(commandModulesOf("--version")).toEqual({ stdout: "0.1.0\n", modules: ["catalog.ts"] });
    const cachesim = commandModulesOf("cachesim", "--help");
    expect(cachesim.modules).toEqual(["cachesim.ts", "catalog.ts", "list-option.ts", "workers-option.ts"]);
    expect(cachesim.stdout).toContain("--size");
  }, 60_000);
});
