import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renameDurably, syncFile, writeFileAtomic } from '../files';

/**
 * The bundle files the city keeps: each accepted file under `<files>/bundles/<county>/`, by the
 * name its statement gives it; an upload from the import screen waits under `<files>/incoming/`
 * while its job runs and is deleted afterwards, accepted or not.
 */

export function keptBundlePath(filesDir: string, county: string, fileName: string): string {
  return join(filesDir, 'bundles', county, fileName);
}

/** Writes an uploaded bundle atomically to a fresh name under `incoming/`; returns its path. */
export function writeIncoming(filesDir: string, bytes: Uint8Array): string {
  const folder = join(filesDir, 'incoming');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${randomUUID()}.wlb`);
  writeFileAtomic(path, bytes);
  return path;
}

export interface StagedCopy {
  /** Renames the copy to its final name and makes the rename durable. */
  commit(): void;
  /** Removes the copy (the import did not commit). */
  abandon(): void;
}

/**
 * Copies `source` beside `target` under a temporary name and fsyncs it, so that after the
 * database commit only a rename remains: an accepted bundle's file is never half written.
 */
export function stageCopy(source: string, target: string): StagedCopy {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    copyFileSync(source, temp);
    syncFile(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return {
    commit() {
      renameDurably(temp, target);
    },
    abandon() {
      rmSync(temp, { force: true });
    },
  };
}
