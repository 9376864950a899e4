/** The layout every export produces; declared in the contract, since the print view renders it too. */
export type { CellKind, SheetColumn, SheetRow, TableSheet, WorkbookSpec } from '../../contract/areas/exports';
