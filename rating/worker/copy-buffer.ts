/**
 * COPY text built straight into UTF-8 bytes in the worker thread: one growing buffer per table
 * and batch, handed to the main thread as a Uint8Array whose memory is transferred, not copied.
 * The main thread writes it to the COPY stream as it is (no string to encode there).
 */
export class CopyBuffer {
  private bytes: Buffer;
  private length = 0;

  constructor(initialBytes: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1024, initialBytes));
  }

  append(text: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    const worst = this.length + text.length * 3;
    if (worst > this.bytes.length) this.grow(worst);
    this.length += this.bytes.write(text, this.length);
  }

  get byteLength(): number {
    return this.length;
  }

  /** The bytes written, over an ArrayBuffer of their own (transferable); the buffer is done. */
  finish(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }

  private grow(atLeast: number): void {
    let size = this.bytes.length * 2;
    while (size < atLeast) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }
}
