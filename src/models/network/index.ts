export { maxMinFairShare, type FairShareFlow } from "./max-min.ts";
export { Network, linkDefinition, pathLatency, type Link, type LinkOptions, type Nic, type TransferCompletion, type TransferOptions } from "./network.ts";
