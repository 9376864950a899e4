import { useEffect, useState } from 'react';
import { call } from '../../client';
import type { FileState } from '../../contract';
import { base64Blob } from '../../download';

/** Thumbnails never change (stored under their SHA-256): each is fetched once per window. */
const thumbnails = new Map<string, Promise<string | null>>();

function fetchThumbnail(id: string): Promise<string | null> {
  let pending = thumbnails.get(id);
  if (!pending) {
    pending = call('renovations.attachmentContent', { id, thumbnail: true }).then((r) =>
      r.contentBase64 ? `data:${r.mimeType};base64,${r.contentBase64}` : null,
    );
    pending.catch(() => thumbnails.delete(id));
    thumbnails.set(id, pending);
  }
  return pending;
}

/** A photo's thumbnail as an image source (null while loading, when there is none, or on failure). */
export function useThumbnail(id: string, enabled: boolean) {
  const [state, setState] = useState<{ id: string; src: string | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    fetchThumbnail(id).then(
      (src) => live && setState({ id, src, failed: false }),
      () => live && setState({ id, src: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [id, enabled]);
  const current = state?.id === id ? state : null;
  return { src: current?.src ?? null, loading: enabled && current === null, failed: current?.failed ?? false };
}

export interface FullContent {
  blob: Blob | null;
  fileState: FileState;
}

/** The stored file itself, checked against its SHA-256 by the main side first. */
export async function fetchContent(id: string): Promise<FullContent> {
  const r = await call('renovations.attachmentContent', { id });
  return { blob: r.contentBase64 ? base64Blob(r.contentBase64, r.mimeType) : null, fileState: r.fileState };
}
