/**
 * The QoS 1 messages of one connection that are received and not yet acknowledged. Messages are
 * processed concurrently, but PUBACKs leave in the order the PUBLISHes arrived ([MQTT-4.6.0-2]):
 * a message committed early waits for the ones before it. A queue with a moving head, so that
 * tens of thousands in flight cost O(1) per message.
 */
export interface AckSlot {
  messageId: number;
  settled: boolean;
}

export class AckWindow {
  private slots: AckSlot[] = [];
  private head = 0;

  get size(): number {
    return this.slots.length - this.head;
  }

  open(messageId: number): AckSlot {
    const slot = { messageId, settled: false };
    this.slots.push(slot);
    return slot;
  }

  /** Marks the slot committed; returns the message ids that may now be acknowledged, in order. */
  settle(slot: AckSlot): number[] {
    slot.settled = true;
    const ready: number[] = [];
    while (this.head < this.slots.length && this.slots[this.head]!.settled)
      ready.push(this.slots[this.head++]!.messageId);
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
    return ready;
  }

  /** Forgets every slot (the connection is gone; the broker redelivers what was not acknowledged). */
  clear(): void {
    this.slots = [];
    this.head = 0;
  }
}
