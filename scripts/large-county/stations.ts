import { getDivision } from '../../db/divisions';
import { addDays } from '../../main/services/calendar';
import { shortVillageName } from '../../main/services/demo/demo-names';
import { namePinyin } from '../../main/services/people/pinyin';
import { lifecycleOf, operatingInMonth, type DatedStation } from '../../main/services/stations/lifecycle';
import { BED_DEVICES, SERVICE_TYPES } from '../../main/contract/areas/station-enums';
import { FIRST_DAY, LARGE_TODAY, inBatches, scaled, stampOn, type Gen } from './context';
import type { GenPerson, PeoplePlan } from './people';

export interface GenStation extends DatedStation {
  id: string;
  name: string;
  kind: 'county_centre' | 'street_centre' | 'town_centre' | 'village_station';
  townCode: string | null;
}

/** A dated step `min`–`max` days after `from`, or null when that is past today (the station has not got there yet). */
function after(rng: ReturnType<Gen['rng']>, from: string | null, min: number, max: number): string | null {
  if (!from) return null;
  const date = addDays(from, rng.int(min, max));
  return date <= LARGE_TODAY ? date : null;
}

/** The county centre, a centre in each street and town, then village stations in the villages of the (skewed) towns. */
export function writeStations(gen: Gen, people: PeoplePlan): GenStation[] {
  const rng = gen.rng('stations');
  const total = scaled(gen, 400);
  const countyName = getDivision(gen.countyCode)?.name ?? '';
  const drafts: { name: string; kind: GenStation['kind']; town: string | null; village: string | null }[] = [
    { name: `${countyName}居家养老服务指导中心`, kind: 'county_centre', town: null, village: null },
  ];
  for (const { town } of people.places) {
    if (drafts.length >= total) break;
    drafts.push({ name: `${town.name}居家养老服务中心`, kind: town.townKind === 'street' ? 'street_centre' : 'town_centre', town: town.code, village: null });
  }
  for (let round = 1; drafts.length < total; round++) {
    for (const { town, villages } of people.places) {
      for (const v of villages) {
        if (drafts.length >= total || rng.chance(0.5)) continue;
        const suffix = round === 1 ? '' : `（${round}）`;
        drafts.push({ name: `${shortVillageName(v.name)}居家养老服务站${suffix}`, kind: 'village_station', town: town.code, village: v.code });
      }
    }
  }
  const insert = gen.db.prepare(
    `INSERT INTO station (id, name, name_pinyin, name_initials, kind, town_code, village_code, address, task_year, funding_fen, planned_date, construction_date,
       completed_date, accepted_date, operating_date, suspended_date, closed_date, operating_mode, operator_name, operator_credit_code, floor_area, beds, staff,
       services_json, medical_partner_name, medical_partner_type, medical_agreement_start, medical_agreement_end, tcm_base_date, one_stop_settlement, notes,
       version, created_at, updated_at, updated_by, updated_installation)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,?,?,?,NULL,NULL,?,NULL,1,?,?,?,?)`,
  );
  const stations: GenStation[] = [];
  inBatches(gen, 'stations', drafts, (d, i) => {
    const centre = d.kind !== 'village_station';
    const taskYear = centre ? rng.int(2016, 2020) : rng.int(2016, 2026);
    const planned = i === 0 ? FIRST_DAY : addDays(`${taskYear}-01-01`, rng.int(0, 200));
    const construction = after(rng, planned, 20, 90);
    const completed = after(rng, construction, 60, 200);
    const accepted = after(rng, completed, 10, 60);
    const operating = after(rng, accepted, 0, 30);
    const suspended = operating && !centre && rng.chance(0.06) ? after(rng, operating, 200, 2000) : null;
    const closed = suspended && rng.chance(0.5) ? after(rng, suspended, 30, 400) : null;
    const mode = centre ? rng.pick(['self', 'commissioned'] as const) : rng.pick(['self', 'commissioned', 'local', 'local'] as const);
    const services = SERVICE_TYPES.filter((t) => t === 'meals' || t === 'visiting' || rng.chance(centre ? 0.7 : 0.35));
    const medical = rng.chance(0.6);
    const at = stampOn(rng, planned);
    const id = gen.id(at);
    const { full, initials } = namePinyin(d.name);
    insert.run(id, d.name, full, initials, d.kind, d.town, d.village, null, taskYear, (centre ? rng.int(50, 200) : rng.int(10, 30)) * 10_000_00,
      planned, construction, completed, accepted, operating, suspended, closed, mode, mode === 'commissioned' ? `${d.name.slice(0, 4)}颐康养老服务有限公司` : null,
      centre ? rng.int(300, 1500) : rng.int(60, 300), centre ? rng.int(10, 60) : rng.int(0, 8), centre ? rng.int(5, 30) : rng.int(1, 5),
      JSON.stringify(services), medical ? `${d.name.slice(0, 3)}卫生院` : null, medical ? (centre ? 'township_health_centre' : 'village_clinic') : null,
      medical ? operating ?? planned : null, rng.chance(0.2) ? 1 : 0, at, at, gen.staffId, gen.installationId);
    const station: GenStation = { id, name: d.name, kind: d.kind, townCode: d.town, planned_date: planned, construction_date: construction, completed_date: completed,
      accepted_date: accepted, operating_date: operating, suspended_date: suspended, closed_date: closed };
    stations.push(station);
    gen.audit.push({ at, action: 'create', entity: 'station', entityId: id, summary: d.name, after: null });
  });
  return stations;
}

/** Every month of the ten years, oldest first. */
export function statMonths(): string[] {
  const months: string[] = [];
  for (let m = FIRST_DAY.slice(0, 7); m <= LARGE_TODAY.slice(0, 7); ) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  return months;
}

/** A month sheet per month (all submitted but the latest) with a row for each station operating that month, as saveMonth stores them. */
export function writeStats(gen: Gen, stations: GenStation[]): void {
  const rng = gen.rng('stats');
  const months = statMonths();
  const insertMonth = gen.db.prepare('INSERT INTO stat_month (month, submitted_at, submitted_by) VALUES (?, ?, ?)');
  const insertRow = gen.db.prepare(
    `INSERT INTO station_month_stat (station_id, month, meals, home_visits, on_site, services_json, version, updated_at, updated_by, updated_installation)
     VALUES (?,?,?,?,?,?,1,?,?,?)`,
  );
  const lifecycles = stations.map((s) => ({ s, life: lifecycleOf(s) }));
  inBatches(gen, 'station statistics', months, (month, i) => {
    const saved = stampOn(rng, addDays(`${month}-01`, 31 + rng.int(0, 4)) > LARGE_TODAY ? LARGE_TODAY : addDays(`${month}-01`, 31 + rng.int(0, 4)));
    const latest = i === months.length - 1;
    let rows = 0;
    for (const { s, life } of lifecycles) {
      if (!operatingInMonth(life, month)) continue;
      const centre = s.kind !== 'village_station';
      const services: Record<string, { home: number; onSite: number }> = {};
      for (const type of SERVICE_TYPES) {
        if (!rng.chance(type === 'meals' || type === 'visiting' ? 0.95 : 0.3)) continue;
        const home = rng.int(0, centre ? 120 : 30);
        const onSite = rng.int(0, centre ? 300 : 60);
        if (home || onSite) services[type] = { home, onSite };
      }
      const counts = Object.values(services);
      insertRow.run(s.id, month, rng.int(0, centre ? 3000 : 600), counts.reduce((a, c) => a + c.home, 0), counts.reduce((a, c) => a + c.onSite, 0),
        JSON.stringify(services), saved, gen.staffId, gen.installationId);
      rows++;
    }
    insertMonth.run(month, latest ? null : saved, latest ? null : gen.staffId);
    gen.audit.push({ at: saved, action: 'save', entity: 'stat-month', entityId: month, summary: `${month} ${rows} stations`, after: null });
    if (!latest) gen.audit.push({ at: saved, action: 'submit', entity: 'stat-month', entityId: month, summary: month, after: null });
  }, 12);
}

const END_REASONS = ['老人去世', '入住养老机构', '迁出本县', '家属申请撤除'];

/** Family care beds: an elderly person each, at a station operating on the install day (of the person's town when there is one). */
export interface BedDraft {
  person: GenPerson;
  station: GenStation;
  install: string;
}

export function planFamilyBeds(gen: Gen, people: PeoplePlan, stations: GenStation[], used: Set<GenPerson>): BedDraft[] {
  const rng = gen.rng('family-beds');
  const total = scaled(gen, 20_000);
  const operatingOn = (s: GenStation, date: string) =>
    !!s.operating_date && s.operating_date <= date && (!s.suspended_date || s.suspended_date > date) && (!s.closed_date || s.closed_date > date);
  const byTown = new Map<string | null, GenStation[]>();
  for (const s of stations) byTown.set(s.townCode, [...(byTown.get(s.townCode) ?? []), s]);
  const firstOperating = stations.map((s) => s.operating_date).filter((d): d is string => !!d).sort()[0] ?? LARGE_TODAY;
  const candidates = rng.shuffled(people.elderly).filter((p) => !used.has(p)).slice(0, total);
  return candidates.map((person) => {
    // More beds each year as the programme grows.
    const install = addDays(firstOperating, Math.floor((1 - rng.next() ** 1.6) * (Date.parse(LARGE_TODAY) - Date.parse(firstOperating)) / 86_400_000));
    const local = (byTown.get(person.townCode) ?? []).filter((s) => operatingOn(s, install));
    const station = local.length > 0 ? rng.pick(local) : stations.find((s) => operatingOn(s, install)) ?? stations[0]!;
    if (person.registeredOn > install) person.registeredOn = install;
    used.add(person);
    return { person, station, install };
  }).sort((a, b) => (a.install < b.install ? -1 : a.install > b.install ? 1 : 0));
}

/** Inserts the planned beds (after the people: their ids are known then). */
export function writeFamilyBeds(gen: Gen, drafts: BedDraft[]): void {
  const rng = gen.rng('family-beds-write');
  const insert = gen.db.prepare(
    `INSERT INTO family_bed (id, person_id, station_id, install_date, devices_json, devices_other, end_date, end_reason, notes, version, created_at, updated_at,
       updated_by, updated_installation) VALUES (?,?,?,?,?,NULL,?,?,NULL,?,?,?,?,?)`,
  );
  inBatches(gen, 'family beds', drafts, ({ person, station, install }) => {
    const at = stampOn(rng, install);
    const id = gen.id(at);
    const ended = rng.chance(0.15) ? addDays(install, rng.int(30, 2500)) : null;
    const end = ended && ended <= LARGE_TODAY ? ended : null;
    const devices = BED_DEVICES.filter((d) => d !== 'other' && rng.chance(d === 'emergency_button' || d === 'gateway' ? 0.9 : 0.4));
    const updated = end ? stampOn(rng, end) : at;
    insert.run(id, person.id, station.id, install, JSON.stringify(devices), end, end ? rng.pick(END_REASONS) : null, end ? 2 : 1, at, updated, gen.staffId, gen.installationId);
    gen.audit.push({ at, action: 'create', entity: 'family-bed', entityId: id, summary: person.name, after: null });
    if (end) gen.audit.push({ at: updated, action: 'update', entity: 'family-bed', entityId: id, summary: person.name, after: null });
  });
}
