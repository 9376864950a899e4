import { sql } from 'kysely';
import type { StatRow } from '../../../contract/areas/service-stats';
import { SERVICE_TYPES, type ServiceType } from '../../../contract/areas/stations';
import { AppError } from '../../../contract/errors';
import { lifecycleOf, operatingInMonth } from '../../stations/lifecycle';
import { saveMonth } from '../../stations/service-stats';
import { divisionName } from '../../places';
import { given, refusalProblem } from '../row-helpers';
import type { ImportColumn, ImportRegister, RowProblem, RowValues } from '../types';
import { stationFinder } from './stations';

/**
 * 每月服务统计: one row per station and month, written through the stats grid's own save
 * (saveMonth), one call per month of the file. A blank figure keeps what is stored (0 for a station
 * not reported yet). A submitted month, a future month, or figures for a station that did not
 * operate that month are refused row by row.
 */

type Services = StatRow['services'];

const w = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The stats page's words: 助洁 + 上门 / 站点 + 人次. */
const SERVICE_WORDS: Record<ServiceType, [string, string]> = {
  meals: ['助餐', 'meals'],
  cleaning: ['助洁', 'cleaning'],
  bathing: ['助浴', 'bathing'],
  mobility: ['助行', 'mobility'],
  medical: ['助医', 'medical'],
  rehab: ['康复', 'rehab'],
  visiting: ['巡访关爱', 'visiting'],
  day_care: ['日间照料', 'day care'],
  culture: ['文化娱乐', 'culture'],
};

const FIGURE = { type: 'integer', min: 0, max: 10_000_000 } as const;
const homeKey = (type: ServiceType) => `${type}Home`;
const onSiteKey = (type: ServiceType) => `${type}OnSite`;

const EXAMPLE: Partial<Record<string, number>> = { mealsHome: 12, mealsOnSite: 320, cleaningHome: 18, visitingHome: 45 };

export const STAT_COLUMNS: readonly ImportColumn[] = [
  { key: 'month', header: w('月份', 'Month'), aliases: ['统计月份', '填报月份'], kind: { type: 'month' }, required: true, example: '2021-10' },
  { key: 'stationName', header: w('站点名称', 'Station'), aliases: ['站点', '名称'], kind: { type: 'text', max: 80 }, required: true, example: '星岩社区居家养老服务站' },
  {
    key: 'townCode',
    header: w('所属镇（街道）', 'Town or street'),
    aliases: ['乡镇/街道', '镇（街道）', '乡镇'],
    kind: { type: 'town' },
    note: w('有同名站点时必填，用来区分。', 'Needed when stations of several towns share the name.'),
    example: '云城街道',
  },
  { key: 'meals', header: w('助餐人次', 'Meals served'), kind: FIGURE, example: 320 },
  ...SERVICE_TYPES.flatMap((type): ImportColumn[] => {
    const [zh, en] = SERVICE_WORDS[type];
    return [
      { key: homeKey(type), header: w(`${zh}上门人次`, `${en}: home visits`), aliases: [`${zh}（上门）`, `${zh}上门`], kind: FIGURE, example: EXAMPLE[homeKey(type)] ?? 0 },
      { key: onSiteKey(type), header: w(`${zh}站点人次`, `${en}: on site`), aliases: [`${zh}（站点）`, `${zh}站点`], kind: FIGURE, example: EXAMPLE[onSiteKey(type)] ?? 0 },
    ];
  }),
];

/** A service error's path within the saved row ('meals', 'services.cleaning.home') → the column key. */
function figureColumn(path: string): string | null {
  if (path === 'meals') return 'meals';
  const m = /^services\.(\w+)\.(home|onSite)$/.exec(path);
  if (!m) return null;
  return m[2] === 'home' ? homeKey(m[1] as ServiceType) : onSiteKey(m[1] as ServiceType);
}

interface StatPayload {
  month: string;
  stationId: string;
  meals: number;
  services: Services;
}

/** The row's figure; a blank cell keeps the stored one (0 when none), the clear marker makes it 0. */
function figure(values: RowValues, key: string, stored: number | undefined): number {
  const value = given(values[key], stored ?? 0);
  return typeof value === 'number' ? value : 0;
}

/** Services with a figure, in catalogue order (as the save stores them): equal figures compare equal. */
function canonical(services: Services): Services {
  const kept: Services = {};
  for (const type of SERVICE_TYPES) {
    const c = services[type];
    if (c && (c.home || c.onSite)) kept[type] = { home: c.home, onSite: c.onSite };
  }
  return kept;
}

export const stationMonthStatsRegister: ImportRegister<StatPayload> = {
  name: 'station_month_stats',
  title: w('每月服务统计', 'Monthly service statistics'),
  matchedBy: w(
    '按月份 + 站点（名称，同名时加所属镇）匹配：已填报的数字更新，未填报的新增。',
    'Matched by month + station (name, and town when names repeat): reported figures are updated, others added.',
  ),
  columns: STAT_COLUMNS,
  async begin(env) {
    const find = await stationFinder(env.db, env.locale);
    const stored = new Map(
      (await env.db.selectFrom('station_month_stat').select(['station_id', 'month', 'meals', 'services_json']).execute()).map((r) => [
        `${r.month} ${r.station_id}`,
        { meals: r.meals, services: JSON.parse(r.services_json) as Services },
      ]),
    );
    const submitted = new Set(
      (await env.db.selectFrom('stat_month').select('month').where('submitted_at', 'is not', null).execute()).map((r) => r.month),
    );
    const thisMonth = env.today.slice(0, 7);

    return {
      check(values) {
        const month = values.month as string;
        const problems: RowProblem[] = [];
        if (month > thisMonth) problems.push({ column: 'month', code: 'MONTH_IN_FUTURE' });
        else if (submitted.has(month)) problems.push({ column: 'month', code: 'MONTH_SUBMITTED', params: { month } });
        const found = find(values.stationName as string, (values.townCode as string | null) ?? null, 'stationName');
        if (!found.ok) problems.push(found.problem);
        if (!found.ok || problems.length > 0) return { ok: false, problems };
        const station = found.station;

        const before = stored.get(`${month} ${station.id}`);
        const services: Services = {};
        for (const type of SERVICE_TYPES) {
          services[type] = {
            home: figure(values, homeKey(type), before?.services[type]?.home),
            onSite: figure(values, onSiteKey(type), before?.services[type]?.onSite),
          };
        }
        const payload: StatPayload = { month, stationId: station.id, meals: figure(values, 'meals', before?.meals), services: canonical(services) };
        const nonZero = payload.meals > 0 || Object.keys(payload.services).length > 0;
        if (nonZero && !operatingInMonth(lifecycleOf(station), month)) {
          return { ok: false, problems: [{ column: 'stationName', code: 'STATION_NOT_OPERATING', params: { station: station.name, month } }] };
        }
        const town = divisionName(station.town_code);
        const label = `${month} ${station.name}${town ? `（${town}）` : ''}`;
        const key = `${month} ${station.id}`;
        if (!before) return { ok: true, plan: { action: nonZero ? 'create' : 'unchanged', key, label, payload } };
        const changes: string[] = [];
        if (before.meals !== payload.meals) changes.push('meals');
        for (const type of SERVICE_TYPES) {
          const [a, b] = [before.services[type], payload.services[type]];
          if ((a?.home ?? 0) !== (b?.home ?? 0)) changes.push(homeKey(type));
          if ((a?.onSite ?? 0) !== (b?.onSite ?? 0)) changes.push(onSiteKey(type));
        }
        return { ok: true, plan: { action: changes.length > 0 ? 'update' : 'unchanged', key, label, changes, payload } };
      },

      /**
       * One saveMonth per month, in a savepoint. A row the save refuses is reported and the month
       * saved again without it; a refusal of the month as a whole fails all its rows.
       */
      async apply(rows, progress) {
        const failures = new Map<number, RowProblem[]>();
        const byMonth = new Map<string, typeof rows>();
        for (const row of rows) {
          byMonth.set(row.plan.payload.month, [...(byMonth.get(row.plan.payload.month) ?? []), row]);
        }
        for (const [month, monthRows] of byMonth) {
          let pending = monthRows;
          while (pending.length > 0) {
            await sql`SAVEPOINT import_month`.execute(env.db);
            try {
              await saveMonth(env.ctx, {
                month,
                rows: pending.map(({ plan: { payload } }) => ({ stationId: payload.stationId, meals: payload.meals, services: payload.services })),
              });
              await sql`RELEASE import_month`.execute(env.db);
              break;
            } catch (error) {
              await sql`ROLLBACK TO import_month`.execute(env.db);
              await sql`RELEASE import_month`.execute(env.db);
              if (!(error instanceof AppError)) throw error;
              const at = /^rows\.(\d+)\.(.+)$/.exec(error.field ?? '');
              const culprit = at ? pending[Number(at[1])] : undefined;
              if (!culprit) {
                for (const row of pending) failures.set(row.row, [{ column: 'month', code: error.code, params: error.params }]);
                break;
              }
              failures.set(culprit.row, [refusalProblem(error, () => figureColumn(at![2]!) ?? 'stationName')]);
              pending = pending.filter((r) => r !== culprit);
            }
          }
          progress.advance(monthRows.length);
          await progress.breathe();
        }
        return failures;
      },
    };
  },
};
