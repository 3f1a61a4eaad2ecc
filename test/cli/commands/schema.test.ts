import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import yargs from "yargs";
import { schemaCommand } from "../../../src/cli/commands/schema.ts";
import { modelKinds } from "../../../src/lab/kinds.ts";
import { isInputError } from "../../../src/util/errors.ts";
import { parameterReference } from "../../../src/scenario/parameter-reference.ts";
import { scenarioJsonSchema } from "../../../src/scenario/schema.ts";
import { REPO as repo, rtolabSync as rtolab } from "../../robustness/cli-child.ts";

/** Runs `rtolab schema ...args` in this process (no child: a fraction of a second). */
async function schema(...args: string[]): Promise<void> {
  await schemaCommand(yargs(["schema", ...args]).exitProcess(false).fail((message, error) => {
    throw error ?? new Error(message);
  })).parseAsync();
}

/** `rtolab schema` run once, its output read by the two tests below (one child instead of two). */
let schemaRun: ReturnType<typeof rtolab> | undefined;
const rtolabSchema = () => (schemaRun ??= rtolab("schema"));

describe("rtolab schema", () => {
  it("rtolab schema writes a JSON Schema that rejects unknown keys", () => {
    const { status, stdout } = rtolabSchema();
    expect(status).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["version", "name", "model"]);
  });

  it("rtolab schema offers each policy with its own strict options, and --parameters prints docs/parameters.md", () => {
    const schema = JSON.parse(rtolabSchema().stdout);
    const restore = schema.properties.model.oneOf.find((kind: { properties: { kind: { const: string } } }) => kind.properties.kind.const === "restore");
    const prefetch = restore.properties.prefetch.oneOf as { properties: { policy: { const: string }; options: { properties: object; additionalProperties: boolean } } }[];
    expect(prefetch.map((variant) => variant.properties.policy.const)).toEqual(["none", "obl", "readahead", "profile", "markov", "oracle"]);
    const obl = prefetch[1].properties.options;
    expect([Object.keys(obl.properties), obl.additionalProperties]).toEqual([["degree"], false]);
    const reference = rtolab("schema", "--parameters");
    expect(reference.status).toBe(0);
    expect(reference.stdout).toBe(readFileSync(join(repo, "docs/parameters.md"), "utf8"));
  });

  it("schema -o FILE writes the JSON Schema of every model kind, two-space indented with a final newline; --parameters -o writes the reference", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-schema-"));
    await schema("-o", join(dir, "s.json"));
    const text = readFileSync(join(dir, "s.json"), "utf8");
    expect(text).toBe(`${JSON.stringify(scenarioJsonSchema(modelKinds), null, 2)}\n`);
    const kinds = JSON.parse(text).properties.model.oneOf.map((kind: { properties: { kind: { const: string } } }) => kind.properties.kind.const);
    expect(kinds).toEqual(["queue-station", "priority-station", "vm-boot", "fleet", "restore"]);
    await schema("--parameters", "--out", join(dir, "p.md"));
    expect(readFileSync(join(dir, "p.md"), "utf8")).toBe(parameterReference());
  });

  it("schema -o into a folder that does not exist is an InputError naming the file (exit 2), not a crash", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-schema-")), "missing", "s.json");
    const error: unknown = await schema("-o", out).catch((thrown: unknown) => thrown);
    expect([isInputError(error), (error as Error).message]).toEqual([true, `${out}: a writable file (ENOENT)`]);
  });
});
