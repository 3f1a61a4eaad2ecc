/**
 * Operational profiles: what earlier boots of a VM read, in the order to pre-stage it.
 *
 * @example
 * import { learnProfile, profileAccuracyCoverage } from "./index.ts";
 * [typeof learnProfile, typeof profileAccuracyCoverage] // => ["function", "function"]
 */
export { profileAccuracyCoverage, type ProfileAccuracyCoverage } from "./accuracy.ts";
export { distinctBlocks, traceBlockReads } from "./blocks.ts";
export { learnProfile, learnProfileFromReads, type LearnProfileOptions } from "./learn.ts";
export { loadProfile, profileFromJson, profileToJson, saveProfile } from "./serialize.ts";
export { PROFILE_VERSION, type BlockRange, type BlockReadOptions, type Profile } from "./types.ts";
