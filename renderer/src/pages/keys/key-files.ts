import type { KeyFile } from '../../contract';
import { downloadText } from '../../download';

/** The largest key file the contract takes (keys.inspectFile content). */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A key file handed to the other office: canonical JSON, saved byte for byte as the main side made it. */
export function downloadKeyFile(file: KeyFile) {
  downloadText(file.fileName, file.content, 'application/json;charset=utf-8');
}

/** A picked key file's text; null when it is too large to be one. */
export async function readKeyFile(file: File): Promise<string | null> {
  if (file.size > MAX_KEY_FILE_BYTES || file.size === 0) return null;
  return file.text();
}
