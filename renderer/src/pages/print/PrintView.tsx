import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { PrintableWorkbook, TableSheet } from '../../contract';
import { useT } from '../../i18n';
import { cellText, isFigure, isLandscape, pageCounterContent, totalCells } from './print-format';
import './print.css';

/** While the view is open the app underneath is hidden, on screen and on paper. */
const OPEN_CLASS = 'print-view-open';

function SheetPage({ office, sheet }: { office: string; sheet: TableSheet }) {
  const { t } = useT();
  // The sheet's title names the office already (云城区民政局 2021 年…); a title that does not gets it in front.
  const heading = sheet.title.startsWith(office) ? sheet.title : `${office} ${sheet.title}`;
  return (
    <section className={`print-sheet ${isLandscape(sheet) ? 'print-landscape' : 'print-portrait'}`} data-testid="print-sheet">
      <h1 className="print-title">{heading}</h1>
      <p className="print-subtitle">{sheet.subtitle}</p>
      <table className="print-table">
        <thead>
          <tr>
            {sheet.columns.map((c) => (
              <th key={c.key}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.length === 0 && (
            <tr>
              <td colSpan={sheet.columns.length} className="print-empty">
                {t('print.noRows')}
              </td>
            </tr>
          )}
          {sheet.rows.map((row, r) => (
            <tr key={r}>
              {sheet.columns.map((c) => (
                <td key={c.key} className={isFigure(c.kind) ? 'print-figure' : undefined}>
                  {cellText(c.kind, row[c.key])}
                </td>
              ))}
            </tr>
          ))}
          {sheet.total && (
            <tr className="print-total">
              {totalCells(sheet.columns, sheet.total).map((cell, i) => (
                <td key={cell.column.key} colSpan={cell.span} className={i > 0 && isFigure(cell.column.kind) ? 'print-figure' : undefined}>
                  {cell.text}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      {sheet.notes && sheet.notes.length > 0 && (
        <ul className="print-notes">
          {sheet.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      <p className="print-signatures">
        <span>{t('print.preparedBy')}</span>
        <span>{t('print.checkedBy')}</span>
        <span>{t('print.date')}</span>
      </p>
    </section>
  );
}

/**
 * The report as it goes on paper: each sheet on A4 (landscape when it is wide), the header row
 * repeated on every page, page numbers in the footer, a signature line at the end. It covers the
 * whole window (the app underneath keeps its filters for 返回) and opens the print dialog once
 * shown — in Electron the system dialog, which can also save a PDF.
 */
export function PrintView({ workbook, onClose }: { workbook: PrintableWorkbook; onClose: () => void }) {
  const { t } = useT();
  const printed = useRef(false);

  useEffect(() => {
    const root = document.documentElement;
    const title = document.title;
    root.classList.add(OPEN_CLASS);
    // The print dialog offers the document's title as the PDF's name: the Excel file's name.
    document.title = workbook.title;
    window.scrollTo(0, 0);
    return () => {
      root.classList.remove(OPEN_CLASS);
      document.title = title;
    };
  }, [workbook.title]);

  useEffect(() => {
    let cancelled = false;
    // Once the fonts are in and the pages laid out, so the dialog's preview shows the real pages.
    void document.fonts.ready.then(() =>
      requestAnimationFrame(() => {
        if (cancelled || printed.current) return;
        printed.current = true;
        window.print();
      }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const first = workbook.sheets[0];
  const footer = `@page { @bottom-center { content: ${pageCounterContent(t('print.pageOf'))}; } }`;

  return createPortal(
    <div className={`print-view print-first-${first && isLandscape(first) ? 'landscape' : 'portrait'}`} role="document" aria-label={workbook.title}>
      <style>{footer}</style>
      <Group className="print-toolbar" justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" truncate>
          {t('print.help')}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" onClick={onClose}>
            {t('print.back')}
          </Button>
          <Button onClick={() => window.print()}>{t('print.again')}</Button>
        </Group>
      </Group>
      {workbook.sheets.map((sheet, i) => (
        <SheetPage key={i} office={workbook.office} sheet={sheet} />
      ))}
    </div>,
    document.body,
  );
}
