/**
 * docs/parameters.md, generated from the same definitions as the scenario schema: every policy
 * of every family and every device model, with each parameter's type, unit, default, bounds and
 * meaning, and the inputs a component needs. `rtolab schema --parameters` writes it; a test
 * fails when the checked-in file is stale.
 */
import { deviceQueuesDefinition } from "../models/devices/background-limit.ts";
import { devices } from "../models/devices/index.ts";
import { policyFamilies, type PolicyFamily } from "../policies/families.ts";
import { durationText } from "../util/definition-schema.ts";
import { expectedValue, type ParameterDefinition, type PolicyDefinition } from "../util/definitions.ts";

/** Where each family's section sits in a scenario, and how its name is chosen. */
const FAMILY_PLACES: Readonly<Record<PolicyFamily, { title: string; where: string }>> = {
  cache: { title: "Cache policies", where: "`model.mediaAgents.cache`: `policy: <name>`, parameters under `options`" },
  prefetch: { title: "Prefetch policies", where: "`model.prefetch`: `policy: <name>`, parameters under `options` (relocation-aware is driven by `model.relocation.prestageWindow`)" },
  scheduling: { title: "I/O scheduling policies", where: "`model.mediaAgents.scheduler` (the media agent's fetch queue) and `model.mediaAgents.deviceQueues` (the storage devices' queues): `policy: <name>`, parameters under `options`" },
  relocation: { title: "Relocation schemes", where: "`model.relocation` (and a fleet's `restore.pipeline.relocation`): `scheme: <name>`, parameters under `options`" },
  balancing: { title: "Balancing policies", where: "a fleet's `model.balancing`: `policy: <name>`, `by` beside it, other parameters under `options`" },
};

const UNITS: Partial<Record<ParameterDefinition["type"], string>> = { duration: "ns (or a string: \"250us\")", size: "bytes (or \"4KiB\")", rate: "bytes/s (or \"10Gbit/s\")" };

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function defaultCell(parameter: ParameterDefinition): string {
  const value = parameter.default;
  if (value === undefined) return parameter.optional ? "(the model decides)" : "—";
  if (typeof value === "object") return `\`${JSON.stringify(value)}\``;
  if (parameter.type === "duration" && typeof value === "number") return `\`${durationText(value)}\``;
  return `\`${String(value)}\``;
}

function accepts(parameter: ParameterDefinition): string {
  if (parameter.type === "device") return `a device declaration: ${(parameter.devices ?? []).map((name) => `\`${name}\``).join(", ")}`;
  return expectedValue(parameter);
}

/**
 * One component's section: its description, parameter table and inputs.
 *
 * @example
 * import { definition as oblDefinition } from "../policies/prefetch/obl.ts";
 * componentSection(oblDefinition).split("\n")[0] // => "### `obl`"
 */
export function componentSection(definition: PolicyDefinition): string {
  const lines = [`### \`${definition.name}\``, "", cell(definition.description), ""];
  const parameters = Object.entries(definition.parameters);
  if (parameters.length === 0) lines.push("No parameters.", "");
  else {
    lines.push("| parameter | type | unit | default | accepts | meaning |", "| --- | --- | --- | --- | --- | --- |");
    for (const [key, parameter] of parameters) {
      const unit = parameter.unit ?? UNITS[parameter.type] ?? "";
      lines.push(`| \`${key}\` | ${parameter.type} | ${cell(unit)} | ${defaultCell(parameter)} | ${cell(accepts(parameter))} | ${cell(parameter.description)} |`);
    }
    lines.push("");
  }
  for (const [key, input] of Object.entries(definition.inputs ?? {})) lines.push(`Needs input \`${key}\`${input.required ? "" : " (optional)"}: ${cell(input.description)}.`, "");
  return lines.join("\n");
}

/**
 * The whole reference (docs/parameters.md): every registered policy by family, then every
 * device, in registry order.
 *
 * @example
 * parameterReference().startsWith("# Parameter reference") // => true
 */
export function parameterReference(): string {
  const parts = [
    "# Parameter reference",
    "",
    "Generated from the components' definitions by `rtolab schema --parameters -o docs/parameters.md`; do not edit by hand",
    "(a test fails when this file is stale). The scenario schema (`rtolab schema`) is generated from the same definitions: an",
    "option not listed here is an error naming the valid ones. In policy `options`, a bare number is in the unit shown",
    "(ns for durations); in device declarations, as everywhere else in a scenario, a duration or a size needs its unit",
    "(`1.25ms`, `64MiB`): a bare number other than 0 is refused.",
    "",
  ];
  for (const [family, registry] of Object.entries(policyFamilies) as [PolicyFamily, (typeof policyFamilies)[PolicyFamily]][]) {
    const place = FAMILY_PLACES[family];
    parts.push(`## ${place.title}`, "", `In ${place.where}.`, "");
    for (const definition of registry.definitions()) parts.push(componentSection(definition));
  }
  parts.push("## Devices", "", "Wherever a scenario declares a device (`storage`, `datastore`, `writeArea.device`, a dedup store's `underlying`, ...): `device: <name>` and its parameters beside it.", "");
  for (const definition of devices.definitions()) parts.push(componentSection(definition));
  parts.push("## Device queues", "", "In `model.mediaAgents.deviceQueues`, beside `policy` and `options` (the scheduling policy that orders each device's waiting requests by class).", "");
  parts.push(componentSection(deviceQueuesDefinition));
  return `${parts.join("\n").trimEnd()}\n`;
}
