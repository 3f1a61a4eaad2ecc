import type { PolicyDefinition } from "../registry.ts";
import { numberParameter, requiredInput } from "./support.ts";
import type { BlockRange, DemandReadContext, PrefetchPolicyEntry, PrefetchPolicyOptions, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Definition of `relocation-aware`: stage ahead of the relocation's cursor.
 *
 * @example
 * definition.parameters.window.default // => 1024
 */
export const definition: PolicyDefinition = {
  name: "relocation-aware",
  description:
    "Stays `window` blocks ahead of the relocation's cursor along the relocation scheme's order, so the copy reads staged blocks.",
  parameters: {
    window: {
      type: "integer",
      description: "Blocks of the scheme order fetched ahead of the relocation cursor.",
      default: 1024,
      minimum: 1,
    },
  },
  inputs: { relocationOrder: { description: "the relocation scheme's copy order", required: true } },
};

/**
 * Relocation-aware prefetcher (options `relocationOrder`, `window`). Walks the scheme order
 * lazily (it may be a generator): from mount it fetches the first `window` blocks; whenever the
 * relocation reports its cursor (blocks copied along the order) it skips what is already copied
 * and fetches up to `cursor + window`. Fetches have priority class `"relocation"`; demand reads
 * are ignored.
 *
 * @example
 * const p = new RelocationAware({ relocationOrder: [{ firstBlock: 100, blockCount: 8 }], window: 4 });
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * p.onStart(0, sink);
 * p.onRelocationProgress(2, 1, sink);
 * calls // => [[100, 4, "relocation"], [104, 2, "relocation"]]
 */
export class RelocationAware implements Prefetcher {
  private readonly window: number;
  private readonly order: Iterator<BlockRange>;
  /** Rest of the current scheme range: next block and blocks left. */
  private first = 0;
  private left = 0;
  /** Blocks of the scheme order passed so far (fetched or skipped). */
  private passed = 0;

  constructor(options: PrefetchPolicyOptions) {
    this.window = numberParameter(options, definition, "window");
    const order = requiredInput(options.relocationOrder, "relocation-aware", "relocationOrder", "the relocation scheme's block order");
    this.order = order[Symbol.iterator]();
  }

  onStart(_time: number, sink: PrefetchSink): void {
    this.advance(this.window, sink);
  }

  onDemandRead(_ctx: DemandReadContext, _sink: PrefetchSink): void {}

  onRelocationProgress(cursor: number, _time: number, sink: PrefetchSink): void {
    this.advance(cursor, undefined);
    this.advance(cursor + this.window, sink);
  }

  /** Passes the scheme order up to `target` blocks, emitting into `sink` when given. */
  private advance(target: number, sink: PrefetchSink | undefined): void {
    while (this.passed < target) {
      if (this.left === 0) {
        const next = this.order.next();
        if (next.done) return;
        this.first = next.value.firstBlock;
        this.left = next.value.blockCount;
        continue;
      }
      const take = Math.min(this.left, target - this.passed);
      sink?.(this.first, take, "relocation");
      this.first += take;
      this.left -= take;
      this.passed += take;
    }
  }
}

/**
 * Registry entry of `relocation-aware`.
 *
 * @example
 * const ranges = [{ firstBlock: 100, blockCount: 8 }];
 * relocationAwareEntry.create({ relocationOrder: ranges }) instanceof RelocationAware // => true
 */
export const relocationAwareEntry: PrefetchPolicyEntry = { definition, create: (options) => new RelocationAware(options) };
