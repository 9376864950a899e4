import { migration0001 } from './0001-foundation';
import type { Migration } from './types';

/** Every migration, imported statically so bundling keeps them; strictly increasing versions. */
export const MIGRATIONS: readonly Migration[] = [migration0001];

export type { Migration } from './types';
