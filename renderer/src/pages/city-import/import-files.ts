import type { ImportedBundle } from '../../contract';

/**
 * The largest bundle the screen sends (the contract's MAX_UPLOAD_BYTES, 64 MiB: a test keeps the
 * two equal); bigger ones go through `welfare-ledger city import` on the command line.
 */
export const MAX_UPLOAD_MB = 64;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

export const BUNDLE_EXTENSION = '.wlb';

export function isBundleFileName(name: string): boolean {
  return name.toLowerCase().endsWith(BUNDLE_EXTENSION);
}

const NAMED = /^(\d{6})-.+-(\d{6,})\.wlb$/i;

/** County code and sequence from a bundle's file name (445302-2021-000003.wlb); null for another name. */
export function nameParts(name: string): { county: string; sequence: number } | null {
  const m = NAMED.exec(name);
  return m ? { county: m[1]!, sequence: Number(m[2]) } : null;
}

/**
 * The order files are imported in: per county by sequence (a correction numbered 4 comes after 3,
 * whatever its period — imported the other way round, 3 would look like a replayed old bundle),
 * then files not named like a bundle, by name.
 */
export function importOrder<F extends { name: string }>(files: readonly F[]): F[] {
  return [...files].sort((a, b) => {
    const pa = nameParts(a.name);
    const pb = nameParts(b.name);
    if (pa && pb) return pa.county === pb.county ? pa.sequence - pb.sequence : pa.county < pb.county ? -1 : 1;
    if (pa || pb) return pa ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** A file picked with a folder carries its path inside it; the summary shows the plain name. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export type Supersession = { by: number; correction: boolean } | null;

/**
 * For a bundle no longer current: the later bundle of the same county and period that replaced
 * it, and whether that one is a correction (or a re-export of the same content).
 */
export function supersededBy(bundle: ImportedBundle, all: readonly ImportedBundle[]): Supersession {
  if (bundle.current) return null;
  const later = all
    .filter((b) => b.countyCode === bundle.countyCode && b.period.label === bundle.period.label && b.sequence > bundle.sequence)
    .sort((a, b) => a.sequence - b.sequence);
  const replacing = later.find((b) => b.current) ?? later.at(-1);
  return replacing ? { by: replacing.sequence, correction: replacing.purpose === 'correction' } : null;
}
