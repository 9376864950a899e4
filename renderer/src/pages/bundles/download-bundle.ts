import { call } from '../../client';
import { base64Blob, downloadBlob } from '../../download';

/** The written bundle file, handed to the browser's download (the app asks where to save it: a USB stick). */
export async function downloadBundle(sequence: number): Promise<string> {
  const file = await call('bundles.download', { sequence });
  downloadBlob(file.fileName, base64Blob(file.contentBase64, 'application/octet-stream'));
  return file.fileName;
}
