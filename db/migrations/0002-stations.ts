import type { Migration } from './types';

/** Service stations, their monthly service counts, family care beds, bed subsidy rates and statements, yearly targets. */
export const migration0002: Migration = {
  version: 2,
  name: 'stations',
  up(db) {
    db.exec(`
      CREATE TABLE station (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_pinyin TEXT NOT NULL,
        name_initials TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('county_centre', 'street_centre', 'town_centre', 'village_station', 'canteen')),
        town_code TEXT,
        village_code TEXT,
        address TEXT,
        task_year INTEGER,
        funding_fen INTEGER CHECK (funding_fen >= 0),
        planned_date TEXT,
        construction_date TEXT,
        completed_date TEXT,
        accepted_date TEXT,
        operating_date TEXT,
        suspended_date TEXT,
        closed_date TEXT,
        operating_mode TEXT CHECK (operating_mode IN ('self', 'commissioned', 'local')),
        operator_name TEXT,
        operator_credit_code TEXT,
        floor_area REAL CHECK (floor_area >= 0),
        beds INTEGER CHECK (beds >= 0),
        staff INTEGER CHECK (staff >= 0),
        services_json TEXT NOT NULL DEFAULT '[]',
        medical_partner_name TEXT,
        medical_partner_type TEXT CHECK (medical_partner_type IN ('hospital', 'township_health_centre', 'village_clinic')),
        medical_agreement_start TEXT,
        medical_agreement_end TEXT,
        tcm_base_date TEXT,
        one_stop_settlement INTEGER NOT NULL DEFAULT 0 CHECK (one_stop_settlement IN (0, 1)),
        notes TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
      CREATE INDEX station_pinyin ON station (name_pinyin, id);
      CREATE INDEX station_town ON station (town_code, kind);
      CREATE INDEX station_task_year ON station (task_year);
      CREATE UNIQUE INDEX station_name_town ON station (name, ifnull(town_code, ''));

      CREATE TABLE stat_month (
        month TEXT PRIMARY KEY,
        submitted_at TEXT,
        submitted_by TEXT REFERENCES staff (id)
      ) STRICT;

      -- One row per station and month that has figures; services as JSON {type: {home, onSite}}.
      CREATE TABLE station_month_stat (
        station_id TEXT NOT NULL REFERENCES station (id),
        month TEXT NOT NULL,
        meals INTEGER NOT NULL CHECK (meals >= 0),
        home_visits INTEGER NOT NULL CHECK (home_visits >= 0),
        on_site INTEGER NOT NULL CHECK (on_site >= 0),
        services_json TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL,
        PRIMARY KEY (station_id, month)
      ) STRICT;
      CREATE INDEX station_month_stat_month ON station_month_stat (month);

      CREATE TABLE family_bed (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES person (id),
        station_id TEXT NOT NULL REFERENCES station (id),
        install_date TEXT NOT NULL,
        devices_json TEXT NOT NULL DEFAULT '[]',
        devices_other TEXT,
        end_date TEXT,
        end_reason TEXT,
        notes TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= install_date)
      ) STRICT;
      CREATE INDEX family_bed_station ON family_bed (station_id, install_date);
      CREATE INDEX family_bed_person ON family_bed (person_id);
      CREATE INDEX family_bed_install ON family_bed (install_date);

      CREATE TABLE bed_rate (
        id TEXT PRIMARY KEY,
        effective_from TEXT NOT NULL UNIQUE,
        build_fen INTEGER NOT NULL CHECK (build_fen >= 0),
        operating_fen_per_month INTEGER NOT NULL CHECK (operating_fen_per_month >= 0),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL
      ) STRICT;
      -- The province's standard (3 000 元/bed, 300 元/bed·month) from the start of records.
      INSERT INTO bed_rate VALUES ('0180a1e0-0000-7000-8000-000000000001', '2000-01-01', 300000, 30000, '2000-01-01T00:00:00.000Z', NULL, 'seed');

      -- Issued statements are frozen: the lines as computed then, with the rate then in force.
      CREATE TABLE subsidy_statement (
        id TEXT PRIMARY KEY,
        month TEXT NOT NULL,
        operator_name TEXT NOT NULL,
        body_json TEXT NOT NULL,
        total_fen INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        issued_by TEXT REFERENCES staff (id),
        issued_installation TEXT NOT NULL,
        UNIQUE (month, operator_name)
      ) STRICT;

      CREATE TABLE year_target (
        year INTEGER PRIMARY KEY,
        stations INTEGER NOT NULL CHECK (stations >= 0),
        family_beds INTEGER NOT NULL CHECK (family_beds >= 0),
        home_visits INTEGER NOT NULL CHECK (home_visits >= 0),
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
    `);
  },
};
