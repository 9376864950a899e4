import type { Kysely } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import type { Database, StationTable } from '../../db/schema';
import { uuidv7 } from '../../main/services/records';
import type { TestOffice } from './office';

/**
 * Stations and monthly figures written straight into a test office's database (a second connection),
 * for tests of beds and reports that need them without going through the station services.
 */
export class StationRows {
  private readonly opened: OpenedDatabase;
  readonly db: Kysely<Database>;

  constructor(office: TestOffice) {
    this.opened = openDatabase(office.dbPath);
    this.db = this.opened.db;
  }

  async station(fields: Partial<StationTable> & Pick<StationTable, 'name' | 'kind'>): Promise<string> {
    const id = uuidv7();
    const at = new Date().toISOString();
    await this.db
      .insertInto('station')
      .values({
        id,
        name_pinyin: fields.name,
        name_initials: '',
        town_code: null,
        village_code: null,
        address: null,
        task_year: null,
        funding_fen: null,
        planned_date: null,
        construction_date: null,
        completed_date: null,
        accepted_date: null,
        operating_date: null,
        suspended_date: null,
        closed_date: null,
        operating_mode: null,
        operator_name: null,
        operator_credit_code: null,
        floor_area: null,
        beds: null,
        staff: null,
        services_json: '[]',
        medical_partner_name: null,
        medical_partner_type: null,
        medical_agreement_start: null,
        medical_agreement_end: null,
        tcm_base_date: null,
        one_stop_settlement: 0,
        notes: null,
        version: 1,
        created_at: at,
        updated_at: at,
        updated_by: null,
        updated_installation: 'test',
        ...fields,
      })
      .execute();
    return id;
  }

  async stat(stationId: string, month: string, figures: { home: number; onSite?: number; meals?: number }): Promise<void> {
    await this.db
      .insertInto('station_month_stat')
      .values({
        station_id: stationId,
        month,
        meals: figures.meals ?? 0,
        home_visits: figures.home,
        on_site: figures.onSite ?? 0,
        services_json: JSON.stringify({ visiting: { home: figures.home, onSite: figures.onSite ?? 0 } }),
        version: 1,
        updated_at: new Date().toISOString(),
        updated_by: null,
        updated_installation: 'test',
      })
      .execute();
  }

  close(): void {
    this.opened.close();
  }
}
