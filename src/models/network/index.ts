export { maxMinFairShare, type FairShareFlow } from "./max-min.ts";
export { Network, linkDefinition, pathLatency, type Link, type LinkOptions, type NetworkOptions, type Nic, type TransferCompletion, type TransferHandle, type TransferOptions } from "./network.ts";
