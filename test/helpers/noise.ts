// Bytes that do not compress, the same every run: a gzip of them is as long as they are, so a
// corruption at any offset lands inside the compressed data.

/** `length` bytes of xorshift noise. */
export function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
