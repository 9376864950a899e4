import { describe, expect, it } from 'vitest';
import { decodeBase64Strict, matchesType, thumbnailType } from './file-content';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(8)]);

describe('uploaded file content', () => {
  it('decodes canonical base64 only', () => {
    expect(decodeBase64Strict('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64Strict(PNG.toString('base64'))?.equals(PNG)).toBe(true);
    expect(decodeBase64Strict('')?.length).toBe(0);
    // Characters outside the alphabet, which Node's decoder would quietly skip.
    expect(decodeBase64Strict('aGVs bG8=')).toBeNull();
    expect(decodeBase64Strict('aGVs\nbG8=')).toBeNull();
    expect(decodeBase64Strict('aGVs*bG8=')).toBeNull();
    // URL-safe alphabet, missing padding, and padding bits that re-encode differently.
    expect(decodeBase64Strict('_-8=')).toBeNull();
    expect(decodeBase64Strict('aGVsbG8')).toBeNull();
    expect(decodeBase64Strict('aGVsbG9=')).toBeNull();
    expect(decodeBase64Strict('QQ==QQ==')).toBeNull();
    // A file of the largest allowed size decodes too (no regex blow-up on 14 MB of text).
    expect(decodeBase64Strict(Buffer.alloc(10 * 1024 * 1024, 7).toString('base64'))?.length).toBe(10 * 1024 * 1024);
  });

  it('recognises each allowed type by its magic numbers, and nothing else', () => {
    const samples = { 'image/jpeg': JPEG, 'image/png': PNG, 'image/webp': WEBP, 'application/pdf': PDF };
    for (const [type, bytes] of Object.entries(samples)) {
      for (const other of Object.keys(samples)) expect(matchesType(bytes, other), `${type} as ${other}`).toBe(other === type);
    }
    expect(matchesType(Buffer.from('RIFF\0\0\0\0WAVEfmt '), 'image/webp')).toBe(false);
    expect(matchesType(JPEG.subarray(0, 2), 'image/jpeg')).toBe(false);
    expect(matchesType(PDF, 'text/plain')).toBe(false);
  });

  it('takes JPEG and PNG thumbnails only', () => {
    expect(thumbnailType(JPEG)).toBe('image/jpeg');
    expect(thumbnailType(PNG)).toBe('image/png');
    expect(thumbnailType(WEBP)).toBeNull();
    expect(thumbnailType(PDF)).toBeNull();
  });
});
