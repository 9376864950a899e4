/**
 * CSV as RFC 4180 has it (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes),
 * with the separator offices' tools actually write: a comma, or a tab or semicolon when the
 * first line has those and no comma (Excel in some locales, copies out of other programs).
 */

export interface CsvRecord {
  /** 1-based record number: the row Excel shows for it (a quoted line break stays inside its row). */
  line: number;
  cells: string[];
}

export function detectSeparator(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const count = (separator: string) => first.split(separator).length - 1;
  const [comma, tab, semicolon] = [count(','), count('\t'), count(';')];
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

export function* parseCsv(text: string, separator = detectSeparator(text)): Generator<CsvRecord> {
  const length = text.length;
  let at = 0;
  let line = 0;
  while (at < length) {
    const cells: string[] = [];
    line++;
    for (;;) {
      let cell = '';
      if (text[at] === '"') {
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) {
            // An unclosed quote: the rest of the file is this cell (as Excel reads it).
            cell += text.slice(at);
            at = length;
            break;
          }
          cell += text.slice(at, quote);
          at = quote + 1;
          if (text[at] === '"') {
            cell += '"';
            at++;
          } else break;
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        while (at < length && text[at] !== separator && text[at] !== '\n' && text[at] !== '\r') cell += text[at++];
      } else {
        let end = at;
        while (end < length && text[end] !== separator && text[end] !== '\n' && text[end] !== '\r') end++;
        cell = text.slice(at, end);
        at = end;
      }
      cells.push(cell);
      if (at < length && text[at] === separator) {
        at++;
        continue;
      }
      break;
    }
    if (text[at] === '\r') at++;
    if (text[at] === '\n') at++;
    yield { line, cells };
  }
}
