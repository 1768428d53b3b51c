import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader.ts';

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('ByteReader', () => {
  it('stops before a signature that straddles chunks, and leaves it unread', async () => {
    const sig = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
    const bytes = Buffer.concat([Buffer.from('data before'), sig, Buffer.from('after')]);
    for (const size of [1, 2, 3, 5, 12, bytes.length]) {
      const r = new ByteReader(pieces(bytes, size));
      const seen: Buffer[] = [];
      await r.streamUntil(sig, async (c) => {
        seen.push(c);
      });
      expect(Buffer.concat(seen).toString(), `chunks of ${size}`).toBe('data before');
      expect((await r.take(4)).equals(sig)).toBe(true);
      expect((await r.take(100)).toString()).toBe('after');
    }
  });

  it('hands on exactly the bytes asked for, and fewer at the end of the stream', async () => {
    const r = new ByteReader(pieces(Buffer.from('0123456789'), 3));
    expect((await r.take(4)).toString()).toBe('0123');
    const seen: string[] = [];
    await r.stream(5, async (c) => {
      seen.push(c.toString());
    });
    expect(seen.join('')).toBe('45678');
    expect((await r.take(5)).toString()).toBe('9');
    expect(await r.next()).toBeNull();
  });
});
