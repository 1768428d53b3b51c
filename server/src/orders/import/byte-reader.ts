/**
 * Reads a stream of Buffers by byte counts and signatures (for the zip guard), holding at most
 * one chunk of the stream at a time beyond what it was asked for.
 */
export class ByteReader {
  private head: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  /** The buffered bytes, or the next chunk of the stream; null at its end. */
  async next(): Promise<Buffer | null> {
    if (this.head.length) {
      const h = this.head;
      this.head = Buffer.alloc(0);
      return h;
    }
    if (this.done) return null;
    const n = await this.it.next();
    if (n.done) {
      this.done = true;
      return null;
    }
    return Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value);
  }

  private unshift(b: Buffer): void {
    if (b.length) this.head = this.head.length ? Buffer.concat([b, this.head]) : b;
  }

  /** Exactly `n` bytes, or fewer when the stream ends first. */
  async take(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const c = await this.next();
      if (!c) break;
      const part = c.length > n - have ? c.subarray(0, n - have) : c;
      this.unshift(c.subarray(part.length));
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Hands the next `n` bytes to `onData` chunk by chunk (fewer when the stream ends first). */
  async stream(n: number, onData: (c: Buffer) => Promise<void>): Promise<void> {
    for (let left = n; left > 0; ) {
      const c = await this.next();
      if (!c) return;
      const part = c.length > left ? c.subarray(0, left) : c;
      this.unshift(c.subarray(part.length));
      left -= part.length;
      await onData(part);
    }
  }

  /**
   * Hands `onData` the bytes before the first occurrence of `sig`, which stays unread; at the
   * end of the stream, everything.
   */
  async streamUntil(sig: Buffer, onData: (c: Buffer) => Promise<void>): Promise<void> {
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const c = await this.next();
      if (!c) {
        if (carry.length) await onData(carry);
        return;
      }
      const buf = carry.length ? Buffer.concat([carry, c]) : c;
      const at = buf.indexOf(sig);
      if (at >= 0) {
        this.unshift(buf.subarray(at));
        if (at > 0) await onData(buf.subarray(0, at));
        return;
      }
      // The signature may straddle two chunks: keep its length less one byte for the next round.
      const keep = Math.min(buf.length, sig.length - 1);
      carry = buf.subarray(buf.length - keep);
      if (buf.length > keep) await onData(buf.subarray(0, buf.length - keep));
    }
  }
}
