/** `rtolab schema`: print or write the JSON Schema of scenario files, for editors. */
import { writeFileSync } from "node:fs";
import type { Argv } from "yargs";
import { modelKinds } from "../../lab/kinds.ts";
import { parameterReference } from "../../scenario/parameter-reference.ts";
import { scenarioJsonSchema } from "../../scenario/schema.ts";
import { InputError } from "../../util/errors.ts";
import { COMMANDS } from "./catalog.ts";

/** Adds the `schema` command to a yargs instance. */
export function schemaCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.schema.usage,
    COMMANDS.schema.describe,
    (command) =>
      command
        .option("out", { alias: "o", type: "string", describe: "file to write (default: standard output)" })
        .option("parameters", { type: "boolean", default: false, describe: "write the parameter reference (Markdown, docs/parameters.md) instead of the JSON Schema" })
        .example("$0 schema -o scenario.schema.json", "then add `# yaml-language-server: $schema=scenario.schema.json` to a scenario")
        .example("$0 schema --parameters -o docs/parameters.md", "regenerate the parameter reference"),
    (argv) => {
      const text = (argv as { parameters?: boolean }).parameters ? parameterReference() : `${JSON.stringify(scenarioJsonSchema(modelKinds), null, 2)}\n`;
      const out = (argv as { out?: string }).out;
      if (!out) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(out, text);
      } catch (error) {
        throw new InputError(out, "", `a writable file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
    },
  );
}
