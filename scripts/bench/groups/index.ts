/** Every group, by the name `npm run bench -- <name>` takes, in the order a full run takes them. */
import type { LargeCountyRef } from '../large-data';
import type { GroupResult } from '../result';
import { runBackups } from './backups';
import { runBundles, runLargeBundle } from './bundles';
import { runImports } from './imports';
import { runLists } from './lists';
import { runRenderer } from './renderer';
import { runReports } from './reports';
import { runStartup } from './startup';

export interface Group {
  /** Whether it runs on the large county (generated before any group starts). */
  large: boolean;
  run(ref: LargeCountyRef): Promise<GroupResult>;
}

export const GROUPS: Record<string, Group> = {
  startup: { large: true, run: runStartup },
  lists: { large: true, run: runLists },
  reports: { large: true, run: runReports },
  bundles: { large: true, run: runBundles },
  renderer: { large: true, run: runRenderer },
  'large-bundle': { large: false, run: () => runLargeBundle() },
  imports: { large: false, run: () => runImports() },
  backups: { large: false, run: () => runBackups() },
};
