import { ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES } from '../../contract';

export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** The thumbnail's longer side, in pixels. */
export const THUMBNAIL_SIZE = 240;
export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / (1024 * 1024);

export function acceptedMime(type: string): AttachmentMime | null {
  return (ATTACHMENT_MIME_TYPES as readonly string[]).includes(type) ? (type as AttachmentMime) : null;
}

export function isImage(mime: string): boolean {
  return mime.startsWith('image/');
}

/**
 * A small JPEG of an image (longer side ≤ 240 px), drawn here because the main side has no image
 * library; null when the browser cannot decode the image (the photo is still stored).
 */
export async function drawThumbnail(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(image.naturalWidth, image.naturalHeight));
    const width = Math.max(1, Math.round(image.naturalWidth * scale));
    const height = Math.max(1, Math.round(image.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return null;
    // JPEG has no transparency: a transparent PNG reads on white, as on paper.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    const data = canvas.toDataURL('image/jpeg', 0.8);
    return data.slice(data.indexOf(',') + 1);
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

