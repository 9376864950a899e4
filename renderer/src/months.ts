import { localDate } from './contract';

/** Months are written YYYY-MM, like the contract; "today" is the office's (China Standard Time) date. */

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function currentMonth(today: string = localDate()): string {
  return today.slice(0, 7);
}

/** 2024-03 + 1 → 2024-04; 2024-01 − 1 → 2023-12. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month before the current one: the month clerks usually report. */
export function lastMonth(today: string = localDate()): string {
  return shiftMonth(currentMonth(today), -1);
}

export function currentYear(today: string = localDate()): number {
  return Number(today.slice(0, 4));
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Years offered by year pickers: from 2015 up to next year, newest first. */
export function yearChoices(today: string = localDate()): number[] {
  const last = currentYear(today) + 1;
  const years: number[] = [];
  for (let y = last; y >= 2015; y--) years.push(y);
  return years;
}
