/**
 * Money: the contract counts whole 分 (integers); clerks read and type 元 with two decimals.
 * Conversion is done on the digits (string ↔ integer), never through floating point.
 */

/** 300000 → "3,000.00"; null → "". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** 300000 → "3000.00" (for an input's initial value: no grouping commas). */
export function fenToYuanInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : formatFen(fen).replace(/,/g, '');
}

export type YuanParse = { ok: true; fen: number | null } | { ok: false };

/**
 * "3,000" / "3000.5" / "3000.50" → 300000 / 300050 / 300050 分; "" → null.
 * At most two decimals; no sign; commas and spaces ignored; full-width digits and dot accepted.
 */
export function parseYuan(text: string): YuanParse {
  const normal = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '');
  if (!normal) return { ok: true, fen: null };
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(normal);
  if (!m) return { ok: false };
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 13) return { ok: false };
  const cents = (m[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(fen) ? { ok: true, fen } : { ok: false };
}
