import type { Migration } from './types';

/** Office, staff accounts, people registry and the append-only audit trail. */
export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE office (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        installation_id TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('county', 'city')),
        division_code TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'clerk', 'admin')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_login_at TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        updated_installation TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX staff_username ON staff (username COLLATE NOCASE);

      CREATE TABLE person (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_pinyin TEXT NOT NULL,
        name_initials TEXT NOT NULL,
        id_number TEXT,
        id_number_reversed TEXT,
        sex TEXT CHECK (sex IN ('M', 'F')),
        birth_date TEXT,
        phone TEXT,
        hukou_division_code TEXT,
        address TEXT,
        notes TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL,
        CHECK ((id_number IS NULL) = (id_number_reversed IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX person_id_number ON person (id_number) WHERE id_number IS NOT NULL;
      CREATE INDEX person_id_number_reversed ON person (id_number_reversed) WHERE id_number_reversed IS NOT NULL;
      CREATE INDEX person_pinyin ON person (name_pinyin, id);
      CREATE INDEX person_initials ON person (name_initials, id);
      CREATE INDEX person_name ON person (name, id);

      CREATE TABLE audit_entry (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT NOT NULL,
        installation_id TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        summary TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      ) STRICT;
      CREATE INDEX audit_entity ON audit_entry (entity, entity_id, seq);
      CREATE INDEX audit_actor ON audit_entry (actor_id, seq);
      CREATE INDEX audit_at ON audit_entry (at, seq);
      CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
      CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    `);
  },
};
