/** What a bundle may cost the city to read. Verification and opening enforce these while streaming. */
export interface BundleLimits {
  /** Size of the .wlb file (ZIP offsets are 32-bit: no ZIP64 needed below this). */
  maxBundleBytes: number;
  maxEntries: number;
  /** Stored (and, for deflated entries, inflated) size of one archive entry. */
  maxEntryBytes: number;
  maxStatementBytes: number;
  /** Inflated bytes per compressed byte, for archive entries and for the data files' deflate layer. */
  maxCompressionRatio: number;
  /** Inflated JSON-lines size of one data file. */
  maxPlainFileBytes: number;
  maxLineBytes: number;
  maxRecordsPerFile: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxBundleBytes: 2 * GiB - 1,
  maxEntries: 32,
  maxEntryBytes: GiB,
  maxStatementBytes: MiB,
  maxCompressionRatio: 100,
  maxPlainFileBytes: GiB,
  maxLineBytes: MiB,
  maxRecordsPerFile: 5_000_000,
});

export function withLimits(limits?: Partial<BundleLimits>): BundleLimits {
  return { ...BUNDLE_LIMITS, ...limits };
}
