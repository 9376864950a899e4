import { localDate } from '../contract/validators/dates';

/** Time as the services see it; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export function today(clock: Clock): string {
  return localDate(clock.now());
}

/** The current month, YYYY-MM, in the office's time zone. */
export function thisMonth(clock: Clock): string {
  return today(clock).slice(0, 7);
}
