/**
 * The QoS 1 messages of one connection that are received and not yet acknowledged. Messages are
 * processed concurrently, but PUBACKs leave in the order the PUBLISHes arrived ([MQTT-4.6.0-2]):
 * a message committed early waits for the ones before it. A ring of message ids and settled
 * marks indexed by arrival number (growing when full), so that tens of thousands in flight cost
 * O(1) per message and nothing is allocated per message.
 */

/** A message's place in the window: its arrival number on the connection. */
export type AckSlot = number;

const INITIAL_CAPACITY = 1024;

export class AckWindow {
  private ids = new Uint16Array(INITIAL_CAPACITY);
  private settled = new Uint8Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  /** Arrival number of the oldest message not yet acknowledged, and of the next one. */
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  open(messageId: number): AckSlot {
    if (this.tail - this.head === this.ids.length) this.grow();
    const i = this.tail & this.mask;
    this.ids[i] = messageId;
    this.settled[i] = 0;
    return this.tail++;
  }

  /** Marks the slot committed; returns the message ids that may now be acknowledged, in order. */
  settle(slot: AckSlot): number[] {
    const ready: number[] = [];
    this.settleEach(slot, (id) => ready.push(id));
    return ready;
  }

  /** settle, handing each message id that may now be acknowledged to `ack`, in order. */
  settleEach(slot: AckSlot, ack: (messageId: number) => void): void {
    if (slot < this.head || slot >= this.tail) return; // forgotten by clear()
    this.settled[slot & this.mask] = 1;
    while (this.head < this.tail && this.settled[this.head & this.mask] === 1) {
      ack(this.ids[this.head & this.mask]!);
      this.head++;
    }
  }

  /** Forgets every slot (the connection is gone; the broker redelivers what was not acknowledged). */
  clear(): void {
    this.head = this.tail;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Uint16Array(capacity);
    const settled = new Uint8Array(capacity);
    const mask = capacity - 1;
    for (let s = this.head; s < this.tail; s++) {
      ids[s & mask] = this.ids[s & this.mask]!;
      settled[s & mask] = this.settled[s & this.mask]!;
    }
    this.ids = ids;
    this.settled = settled;
    this.mask = mask;
  }
}
