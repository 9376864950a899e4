import type BetterSqlite3 from 'better-sqlite3';
import { DemoRandom } from '../../main/services/demo/demo-random';

/** The generator's "today": every date and timestamp derives from it and the seed, never the wall clock. */
export const LARGE_TODAY = '2026-11-20';
/** Ten years of records end today. */
export const FIRST_DAY = '2016-12-01';

/** One audit entry to be written, in time order with all the others at the end. */
export interface AuditDraft {
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  after: string | null;
}

/** What every stage shares: the database, the seeded randomness, ids, the actor and the audit entries gathered. */
export interface Gen {
  db: BetterSqlite3.Database;
  seed: number;
  scale: number;
  rng(stage: string): DemoRandom;
  id(at: string): string;
  staffId: string;
  staffName: string;
  installationId: string;
  countyCode: string;
  audit: AuditDraft[];
  progress(stage: string, fraction: number): void;
}

/** n × scale, rounded, at least `min`. */
export function scaled(gen: Pick<Gen, 'scale'>, n: number, min = 1): number {
  return Math.max(min, Math.round(n * gen.scale));
}

/**
 * UUIDv7-shaped ids, time-ordered by the record's own (generated) creation time and unique by a
 * counter in the last 48 bits: the same seed gives the same ids without the wall clock or crypto.
 */
export function idMaker(seed: number): (at: string) => string {
  let counter = 0;
  const rng = new DemoRandom(`ids-${seed}`);
  return (at) => {
    const hex = Date.parse(at).toString(16).padStart(12, '0');
    const r = Math.floor(rng.next() * 0x1000000).toString(16).padStart(6, '0');
    const c = (counter++).toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${c}`;
  };
}

/** An office-hours timestamp (08:00–18:00 China time) on a date, varied by the random source. */
export function stampOn(rng: DemoRandom, date: string): string {
  const seconds = rng.int(0, 10 * 3600 - 1);
  const h = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const s = String(seconds % 60).padStart(2, '0');
  return `${date}T${h}:${m}:${s}.${String(rng.int(0, 999)).padStart(3, '0')}Z`;
}

/** Runs `fn` over items in transactions of `size` rows, reporting progress. */
export function inBatches<T>(gen: Gen, stage: string, items: readonly T[], fn: (item: T, index: number) => void, size = 20_000): void {
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(items.length, start + size);
    gen.db.transaction(() => {
      for (let i = start; i < end; i++) fn(items[i]!, i);
    })();
    gen.progress(stage, end / items.length);
  }
}
