import { childrenOf, getDivision, type Division } from '../../../db/divisions';
import type { OfficeInfo } from '../../contract/areas/setup';
import { AppError } from '../../contract/errors';
import type { RequestContext } from '../context';

/** The city office's division code (4 digits); every city request refuses in a county office. */
export function cityCode(ctx: Pick<RequestContext, 'officeInfo'>): string {
  return cityOfficeCode(ctx.officeInfo());
}

export function cityOfficeCode(office: OfficeInfo): string {
  if (office.mode !== 'city') throw new AppError('NOT_A_CITY_OFFICE');
  return office.divisionCode;
}

/**
 * Where a county stands in the city's tables: districts (市辖区, codes xx01–xx20) first, then
 * county-level cities (xx81–xx99), then counties — the order of the city's bulletins (the 2021
 * table lists 云城区, 云安区, 罗定市, 新兴县, 郁南县), by code within each group.
 */
function bulletinRank(code: string): number {
  const n = Number(code.slice(4, 6));
  if (n <= 20) return 0;
  if (n >= 81) return 1;
  return 2;
}

/** The counties of a city, in bulletin order. */
export function countiesOf(city: string): Division[] {
  return childrenOf(city)
    .filter((d) => d.level === 'county')
    .sort((a, b) => bulletinRank(a.code) - bulletinRank(b.code) || a.code.localeCompare(b.code));
}

export function countyName(code: string): string {
  return getDivision(code)?.name ?? code;
}

/** A county of this city, or NOT_OUR_COUNTY on `field`. */
export function ourCounty(city: string, county: string, field?: string): void {
  if (county.length !== 6 || county.slice(0, 4) !== city || getDivision(county)?.level !== 'county') {
    throw new AppError('NOT_OUR_COUNTY', field, { county: `${countyName(county)}（${county}）` });
  }
}
