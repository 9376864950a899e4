import ExcelJS from 'exceljs';
import type { Input } from '../../main/contract';
import type { TestClient } from './office';

/** Exports a table through the contract ('exports.xlsx') and opens the workbook as Excel would. */
export async function exportWorkbook(client: TestClient, input: Input<'exports.xlsx'>) {
  const out = await client.call('exports.xlsx', input);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
  return { out, workbook };
}

/** The values of a sheet's rows from `from` (1-based) down, as wide as the headings on row 4; empty cells null. */
export function rowValues(ws: ExcelJS.Worksheet, from = 4): unknown[][] {
  const width = ws.getRow(4).cellCount;
  const rows: unknown[][] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return rows;
}
