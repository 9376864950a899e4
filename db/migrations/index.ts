import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-stations';
import { migration0003 } from './0003-welfare-homes';
import { migration0004 } from './0004-renovations';
import { migration0005 } from './0005-bundles';
import { migration0006 } from './0006-imports';
import { migration0007 } from './0007-search';
import { migration0008 } from './0008-report-indexes';
import { migration0009 } from './0009-period-indexes';
import type { Migration } from './types';

/** Every migration, imported statically so bundling keeps them; strictly increasing versions. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009];

export type { Migration } from './types';
