/** Scheduling policies read their numeric parameters through the registry's shared helper. */
export { numberParameter } from "../registry.ts";
