/**
 * Checks on an uploaded file's bytes before they are stored: strict base64, and that the bytes are
 * what the declared type says (by their magic numbers: the main side has no image library, and a
 * renamed file or a truncated upload should be refused, not stored as evidence).
 */

// A plain character class: grouped repetition would make the regex engine overflow on a 10 MB file.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a base64 string, or null when it is not canonical base64. Node's decoder silently skips
 * characters it does not know, so the alphabet is checked first and the result must encode back to
 * the very same string.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b.subarray(8), ascii('WEBP')),
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
};

/** Whether the bytes begin as a file of this type does. */
export function matchesType(bytes: Uint8Array, mimeType: string): boolean {
  return SIGNATURES[mimeType]?.(bytes) ?? false;
}

/** The image type of a thumbnail's bytes (JPEG or PNG), or null. */
export function thumbnailType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (matchesType(bytes, 'image/jpeg')) return 'image/jpeg';
  if (matchesType(bytes, 'image/png')) return 'image/png';
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
