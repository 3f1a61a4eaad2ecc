/**
 * The transport of one pipeline attempt: max-min flows over the fleet's network (shared with
 * every other flow on the same links), with byte counts and an abort. Aborting cancels the
 * attempt's flows in flight (no callback: the guest reads waiting for them are never answered)
 * and refuses every later send, so a failed media agent's attempt stops moving bytes at once.
 */
import type { Link, Network, TransferHandle } from "../models/network/network.ts";
import type { Transport } from "../restore/transport.ts";

/**
 * A `Transport` whose every transfer can be cancelled together.
 *
 * @example
 * const network = new Network(sim);
 * const link = network.link("ma0.nic", { bandwidth: 1e9, latency: 0 });
 * const t = new AttemptTransport(network);
 * let arrived = false;
 * t.send([link], 65_536, () => (arrived = true)); t.sent // => 65536
 * t.abort(); t.pending // => 0
 * sim.run();
 * arrived // => false // the callback never runs
 */
export class AttemptTransport implements Transport {
  /** Bytes handed to the network. */
  sent = 0;
  /** Bytes that arrived (their callback ran). */
  delivered = 0;
  aborted = false;
  /** Transfers in flight; each knows its position, so an arrival leaves by a swap with the last. */
  private readonly inFlight: InFlight[] = [];

  constructor(private readonly network: Network) {}

  send(path: readonly Link[], bytes: number, done: () => void): void {
    this.sendWith(path, bytes, callDone, done);
  }

  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void {
    if (this.aborted) return;
    this.sent += bytes;
    const entry: InFlight = { position: this.inFlight.length, handle: null };
    this.inFlight.push(entry);
    entry.handle = this.network.transfer(path, bytes, () => {
      this.leave(entry);
      this.delivered += bytes;
      callback(data);
    });
  }

  /** Transfers sent and not yet arrived. */
  get pending(): number {
    return this.inFlight.length;
  }

  /** Cancels every transfer in flight and refuses later sends. */
  abort(): void {
    this.aborted = true;
    for (const entry of this.inFlight) entry.handle?.cancel();
    this.inFlight.length = 0;
  }

  private leave(entry: InFlight): void {
    const last = this.inFlight.pop() as InFlight;
    if (last !== entry) {
      this.inFlight[entry.position] = last;
      last.position = entry.position;
    }
  }
}

interface InFlight {
  position: number;
  handle: TransferHandle | null;
}

function callDone(done: () => void): void {
  done();
}
