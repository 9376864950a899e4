import type { Migration } from './types';

/**
 * Welfare homes and their residents: institutions and their bed register; residents (one row per
 * stay, admission to exit) whose residence is derived from an append-only event history; ability
 * assessments; residence periods (derived, rebuilt from the events in the same transaction); and
 * the versioned allowance standards.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'welfare-homes',
  up(db) {
    db.exec(`
      CREATE TABLE institution (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        name_pinyin TEXT NOT NULL,
        name_initials TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('nursing_home', 'welfare_home', 'welfare_centre', 'other')),
        town_code TEXT,
        village_code TEXT,
        address TEXT,
        operator_name TEXT,
        operator_credit_code TEXT,
        total_beds INTEGER NOT NULL CHECK (total_beds >= 0),
        nursing_beds INTEGER NOT NULL CHECK (nursing_beds >= 0 AND nursing_beds <= total_beds),
        medical_room INTEGER NOT NULL DEFAULT 0 CHECK (medical_room IN (0, 1)),
        medical_staff INTEGER NOT NULL DEFAULT 0 CHECK (medical_staff >= 0),
        one_stop_settlement INTEGER NOT NULL DEFAULT 0 CHECK (one_stop_settlement IN (0, 1)),
        license_number TEXT,
        registered_on TEXT,
        license_authority TEXT,
        closed_on TEXT,
        notes TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
      CREATE INDEX institution_pinyin ON institution (name_pinyin, id);

      -- The bed register: a bed is (room, label) in one institution; retired beds stay for history.
      CREATE TABLE institution_bed (
        id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL REFERENCES institution (id),
        room TEXT NOT NULL,
        label TEXT NOT NULL,
        nursing INTEGER NOT NULL DEFAULT 0 CHECK (nursing IN (0, 1)),
        retired_on TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL,
        UNIQUE (institution_id, room, label)
      ) STRICT;

      -- One stay in care, from admission to exit. The columns after "derived" are rebuilt from the
      -- stay's events by the service on every event; nothing else writes them.
      CREATE TABLE resident (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES person (id),
        category TEXT NOT NULL CHECK (category IN ('tekun_elderly', 'tekun_disabled', 'orphan', 'de_facto_unsupported', 'other')),
        support_form TEXT NOT NULL CHECK (support_form IN ('concentrated', 'dispersed')),
        schooling_extension INTEGER NOT NULL DEFAULT 0 CHECK (schooling_extension IN (0, 1)),
        age_exception TEXT,
        guardian_name TEXT,
        guardian_relation TEXT,
        guardian_phone TEXT,
        notes TEXT,
        -- derived
        status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'exited', 'void')),
        admitted_on TEXT NOT NULL,
        exited_on TEXT,
        exit_reason TEXT,
        institution_id TEXT NOT NULL REFERENCES institution (id),
        bed_id TEXT REFERENCES institution_bed (id),
        leave_since TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
      CREATE INDEX resident_person ON resident (person_id);
      CREATE INDEX resident_institution ON resident (institution_id, status);

      -- Append-only: a mistaken event is reversed by a 'reversal' event naming it, never deleted.
      CREATE TABLE resident_event (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        resident_id TEXT NOT NULL REFERENCES resident (id),
        kind TEXT NOT NULL CHECK (kind IN ('admit', 'move', 'leave', 'return', 'reassess', 'exit', 'reversal')),
        event_date TEXT NOT NULL,
        institution_id TEXT REFERENCES institution (id),
        bed_id TEXT REFERENCES institution_bed (id),
        leave_kind TEXT CHECK (leave_kind IN ('hospital', 'family', 'other')),
        exit_reason TEXT CHECK (exit_reason IN ('death', 'regained_support', 'over_income', 'voluntary', 'age_out', 'transfer_out')),
        reverses_event_id TEXT REFERENCES resident_event (id),
        reason TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL,
        CHECK ((kind = 'reversal') = (reverses_event_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX resident_event_resident ON resident_event (resident_id, seq);
      CREATE UNIQUE INDEX resident_event_reverses ON resident_event (reverses_event_id) WHERE reverses_event_id IS NOT NULL;
      CREATE TRIGGER resident_event_no_update BEFORE UPDATE ON resident_event
        BEGIN SELECT RAISE(ABORT, 'resident events are append-only'); END;
      CREATE TRIGGER resident_event_no_delete BEFORE DELETE ON resident_event
        BEGIN SELECT RAISE(ABORT, 'resident events are append-only'); END;

      -- Six-task rating (failed tasks → 全自理 / 部分丧失 / 完全丧失) or the GB/T 42195 level (0–4);
      -- each made by an admit or reassess event, and void when that event is reversed.
      CREATE TABLE ability_assessment (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE REFERENCES resident_event (id),
        resident_id TEXT NOT NULL REFERENCES resident (id),
        person_id TEXT NOT NULL REFERENCES person (id),
        method TEXT NOT NULL CHECK (method IN ('six_task', 'gbt42195')),
        assessed_on TEXT NOT NULL,
        assessor TEXT NOT NULL,
        failed_tasks_json TEXT,
        self_care_level TEXT CHECK (self_care_level IN ('self_care', 'partial', 'complete')),
        gbt_level INTEGER CHECK (gbt_level BETWEEN 0 AND 4),
        note TEXT,
        CHECK ((method = 'six_task') = (self_care_level IS NOT NULL AND failed_tasks_json IS NOT NULL)),
        CHECK ((method = 'gbt42195') = (gbt_level IS NOT NULL))
      ) STRICT;
      CREATE INDEX ability_assessment_resident ON ability_assessment (resident_id, assessed_on);

      -- Derived: where a stay was from one date to the next ([from, to), to NULL = still), rebuilt
      -- from the stay's effective events. "Who lived here on D" and every overlap check read this.
      CREATE TABLE residence_period (
        resident_id TEXT NOT NULL REFERENCES resident (id),
        person_id TEXT NOT NULL REFERENCES person (id),
        institution_id TEXT NOT NULL REFERENCES institution (id),
        bed_id TEXT REFERENCES institution_bed (id),
        from_date TEXT NOT NULL,
        to_date TEXT,
        on_leave INTEGER NOT NULL CHECK (on_leave IN (0, 1)),
        PRIMARY KEY (resident_id, from_date),
        CHECK (to_date IS NULL OR to_date > from_date)
      ) STRICT;
      CREATE INDEX residence_period_institution ON residence_period (institution_id, from_date);
      CREATE INDEX residence_period_bed ON residence_period (bed_id, from_date) WHERE bed_id IS NOT NULL;
      CREATE INDEX residence_period_person ON residence_period (person_id, from_date);

      -- Monthly amounts in 分 from a date on; NULL = not set by this office (the roster says so).
      CREATE TABLE allowance_standard (
        id TEXT PRIMARY KEY,
        effective_from TEXT NOT NULL UNIQUE,
        basic_living_fen INTEGER CHECK (basic_living_fen >= 0),
        care_self_care_concentrated_fen INTEGER CHECK (care_self_care_concentrated_fen >= 0),
        care_partial_concentrated_fen INTEGER CHECK (care_partial_concentrated_fen >= 0),
        care_complete_concentrated_fen INTEGER CHECK (care_complete_concentrated_fen >= 0),
        care_self_care_dispersed_fen INTEGER CHECK (care_self_care_dispersed_fen >= 0),
        care_partial_dispersed_fen INTEGER CHECK (care_partial_dispersed_fen >= 0),
        care_complete_dispersed_fen INTEGER CHECK (care_complete_dispersed_fen >= 0),
        orphan_concentrated_fen INTEGER CHECK (orphan_concentrated_fen >= 0),
        orphan_dispersed_fen INTEGER CHECK (orphan_dispersed_fen >= 0),
        note TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL
      ) STRICT;
      -- Guangdong's minimum orphan rates from 2025-07 (集中养育 2 335, 散居 1 891 元/month); the
      -- county sets its own basic-living and care amounts.
      INSERT INTO allowance_standard (id, effective_from, orphan_concentrated_fen, orphan_dispersed_fen, note, created_at, created_by, created_installation)
        VALUES ('0197c000-0000-7000-8000-000000000001', '2025-07-01', 233500, 189100, '广东省孤儿基本生活最低养育标准（2025年7月起）', '2025-07-01T00:00:00.000Z', NULL, 'seed');
    `);
  },
};
