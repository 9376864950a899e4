import type { Migration } from './types';

/**
 * Signed period bundles. A county office keeps its signing key (sealed by the OS keystore or a
 * passphrase), the city's encryption key, and the history of bundles it released; the sequence
 * row is committed before the file is released. The city office keeps its own decryption
 * identity, the county keys it enrolled (with rotations and revocations), and what each accepted
 * bundle brought: its statement, its report rows and its register snapshot for drill-down.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'bundles',
  up(db) {
    db.exec(`
      CREATE TABLE signing_key (
        id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64),
        private_key_sealed BLOB NOT NULL,
        keystore TEXT NOT NULL CHECK (keystore IN ('os-keystore', 'passphrase', 'file')),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        retired_at TEXT,
        replaced_by TEXT REFERENCES signing_key (id),
        -- The rotation statement (canonical JSON, signed by both keys) that retired this key.
        rotation_file TEXT
      ) STRICT;
      CREATE UNIQUE INDEX signing_key_one_active ON signing_key (keystore IS NOT NULL) WHERE retired_at IS NULL;

      CREATE TABLE city_key (
        id TEXT PRIMARY KEY,
        city_code TEXT NOT NULL,
        office TEXT NOT NULL,
        recipient TEXT NOT NULL,
        key_file TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT REFERENCES staff (id),
        retired_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX city_key_one_active ON city_key (city_code IS NOT NULL) WHERE retired_at IS NULL;

      CREATE TABLE bundle_export (
        id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
        period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_label TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('regular', 'reexport', 'correction')),
        of_sequence INTEGER,
        reason TEXT,
        statement BLOB NOT NULL,
        statement_hash TEXT NOT NULL,
        -- JSON [{contents, records, plainSha256}]: the plaintext files, kept for a re-export.
        contents TEXT NOT NULL,
        file_name TEXT NOT NULL,
        -- Null until the file is written (the sequence is recorded first).
        file_size INTEGER,
        file_sha256 TEXT,
        signing_key_id TEXT NOT NULL REFERENCES signing_key (id),
        city_key_id TEXT NOT NULL REFERENCES city_key (id),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX bundle_export_period ON bundle_export (period_label, sequence);

      CREATE TABLE city_identity (
        id TEXT PRIMARY KEY,
        recipient TEXT NOT NULL UNIQUE,
        identity_sealed BLOB NOT NULL,
        keystore TEXT NOT NULL CHECK (keystore IN ('os-keystore', 'passphrase', 'file')),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        retired_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX city_identity_one_active ON city_identity (keystore IS NOT NULL) WHERE retired_at IS NULL;

      CREATE TABLE county_key (
        id TEXT PRIMARY KEY,
        county_code TEXT NOT NULL,
        office TEXT NOT NULL,
        public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64),
        key_file TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT REFERENCES staff (id),
        retired_at TEXT,
        replaced_by TEXT REFERENCES county_key (id),
        rotation_file TEXT,
        revoked_at TEXT,
        revoked_by TEXT REFERENCES staff (id),
        revoke_reason TEXT
      ) STRICT;
      CREATE INDEX county_key_county ON county_key (county_code);

      CREATE TABLE bundle_import (
        id TEXT PRIMARY KEY,
        county_code TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        statement BLOB NOT NULL,
        statement_hash TEXT NOT NULL,
        period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_label TEXT NOT NULL,
        period_end TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('regular', 'reexport', 'correction')),
        of_sequence INTEGER,
        reason TEXT,
        created_at TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        county_key_id TEXT NOT NULL REFERENCES county_key (id),
        file_name TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        file_sha256 TEXT NOT NULL,
        -- JSON array of sequence numbers skipped before this one, when a gap was accepted.
        missing_sequences TEXT,
        -- The period's report rows (content.ts SUMMARY_SCHEMA), as canonical JSON.
        summary TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT REFERENCES staff (id),
        UNIQUE (county_code, sequence)
      ) STRICT;
      CREATE INDEX bundle_import_period ON bundle_import (period_label, county_code, sequence);

      CREATE TABLE bundle_record (
        bundle_id TEXT NOT NULL REFERENCES bundle_import (id),
        register TEXT NOT NULL,
        record_id TEXT NOT NULL,
        search TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (bundle_id, register, record_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
