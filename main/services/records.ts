import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/** Random bytes drawn in blocks: one system call per 256 ids, not one per id (imports make 50 000 at once). */
const POOL_BYTES = 16 * 256;
let pool = Buffer.alloc(0);
let poolAt = POOL_BYTES;

function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return bytes;
}

/** RFC 9562 UUIDv7: time-ordered, unique across installations (ids travel to the city). */
export function uuidv7(now: number = Date.now()): string {
  // Within one millisecond a 12-bit counter keeps ids increasing in creation order.
  if (now <= lastMillis) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = random16().readUInt16BE() & 0x7ff;
  }
  const bytes = random16();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
