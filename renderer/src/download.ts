/** Hands a file to the browser's download (the Electron shell asks where to save it); unsafe name characters become _. */
export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.replace(/[\\/:*?"<>|]/g, '_');
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text file (a CSV export), downloaded the same way. */
export function downloadText(fileName: string, content: string, type = 'text/csv;charset=utf-8') {
  downloadBlob(fileName, new Blob([content], { type }));
}

/** base64 from the main side → a Blob for a download or a full-size view. */
export function base64Blob(base64: string, mimeType: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: mimeType });
}
