import { localDate } from '../../contract';
import { currentMonth, daysInMonth } from '../../months';

/** The day a month's figures are read on: its last day, or today while the month is running. */
export function monthEnd(month: string, today: string = localDate()): string {
  return month === currentMonth(today) ? today : `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}
