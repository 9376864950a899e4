/** Local-time display of the ISO instants the main side sends. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 2026-11-22 10:05:09 (or 10:05 without seconds); the input unchanged if it is not a date. */
export function formatDateTime(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  const d = parse(iso);
  if (!d) return iso;
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${withSeconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${day} ${time}`;
}

/** HH:mm in local time. */
export function formatTime(iso: string): string {
  const d = parse(iso);
  return d ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : iso;
}

/** HH:mm when the instant is today, else YYYY-MM-DD HH:mm. */
export function formatTimeOrDateTime(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return iso;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? formatTime(iso) : formatDateTime(iso, false);
}

/** 1.2 MB, 340 KB, 900 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
