import type { Migration } from './types';

/** One catalogue row: [code, name, category, basic (government-paid), unit]. */
type CatalogueRow = [string, string, string, 0 | 1, string];

/**
 * The national recommended list of home renovation items and aids (老年人居家适老化改造项目和老年用品配置
 * 推荐清单, 民发〔2020〕86号): 7 basic items the government pays, the rest optional (household-paid
 * unless an office marks them subsidised). Codes are stable; names as in the list.
 */
const NATIONAL_ITEMS: CatalogueRow[] = [
  ['N01', '地面防滑处理', 'floor', 1, '处'],
  ['N02', '高差处理', 'floor', 1, '处'],
  ['N03', '平整硬化', 'floor', 0, '平方米'],
  ['N04', '安装扶手', 'floor', 0, '米'],
  ['N05', '门槛移除', 'door', 0, '处'],
  ['N06', '平开门改为推拉门', 'door', 0, '樘'],
  ['N07', '房门拓宽', 'door', 0, '樘'],
  ['N08', '下压式门把手改造', 'door', 0, '个'],
  ['N09', '可视门铃安装', 'door', 0, '个'],
  ['N10', '床边护栏（抓杆）', 'bedroom', 1, '个'],
  ['N11', '防压疮垫', 'bedroom', 0, '张'],
  ['N12', '如厕洗浴扶手', 'toilet_bath', 1, '个'],
  ['N13', '蹲便器改坐便器', 'toilet_bath', 0, '个'],
  ['N14', '水龙头改造', 'toilet_bath', 0, '个'],
  ['N15', '浴缸/淋浴房改造', 'toilet_bath', 0, '处'],
  ['N16', '淋浴椅', 'toilet_bath', 1, '把'],
  ['N17', '台面改造', 'kitchen', 0, '处'],
  ['N18', '燃气泄漏报警装置', 'kitchen', 0, '个'],
  ['N19', '自动感应灯具', 'environment', 0, '个'],
  ['N20', '电源插座及开关改造', 'environment', 0, '处'],
  ['N21', '防撞护角/条', 'environment', 0, '米'],
  ['N22', '手杖', 'supplies', 1, '根'],
  ['N23', '轮椅/助行器', 'supplies', 0, '台'],
  ['N24', '放大装置', 'supplies', 0, '个'],
  ['N25', '助听器', 'supplies', 0, '个'],
  ['N26', '自助进食器具', 'supplies', 0, '套'],
  ['N27', '防走失装置', 'supplies', 1, '个'],
  ['N28', '安全监控装置', 'supplies', 0, '套'],
];

/**
 * Age-friendly home renovations (适老化改造): household cases and the people of each household; the
 * append-only workflow steps (a mistaken step is reversed by a correction step, never deleted); the
 * item catalogue with the national list preloaded; plan lines; photos and documents stored as
 * content-addressed files with their SHA-256; the yearly per-household cap; yearly targets by quarter.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'renovations',
  up(db) {
    db.exec(`
      CREATE TABLE renovation_case (
        id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL CHECK (category IN ('tekun_dispersed', 'dibao', 'dibao_edge', 'other')),
        conditions_json TEXT NOT NULL DEFAULT '[]',
        town_code TEXT NOT NULL,
        village_code TEXT,
        address TEXT,
        phone TEXT,
        plan_year INTEGER NOT NULL,
        duplicate_reason TEXT,
        notes TEXT,
        -- derived from the steps by the service on every step; nothing else writes them
        state TEXT NOT NULL,
        state_date TEXT NOT NULL,
        applied_on TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
      CREATE INDEX renovation_case_year ON renovation_case (plan_year, state);
      CREATE INDEX renovation_case_town ON renovation_case (town_code);

      -- The elderly people of the household; the first (position 0) is the applicant.
      CREATE TABLE renovation_case_person (
        case_id TEXT NOT NULL REFERENCES renovation_case (id),
        person_id TEXT NOT NULL REFERENCES person (id),
        position INTEGER NOT NULL,
        PRIMARY KEY (case_id, person_id)
      ) STRICT;
      CREATE INDEX renovation_case_person_person ON renovation_case_person (person_id);

      CREATE TABLE renovation_step (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES renovation_case (id),
        step TEXT NOT NULL CHECK (step IN ('applied', 'town_reviewed', 'county_reviewed', 'publicised', 'assessed', 'plan_signed',
          'works_started', 'works_completed', 'accepted', 'acceptance_failed', 'paid', 'satisfaction', 'rejected', 'withdrawn', 'correction')),
        step_date TEXT NOT NULL,
        responsible TEXT NOT NULL,
        ability_level TEXT CHECK (ability_level IN ('self_care', 'partial', 'complete')),
        needs TEXT,
        accepting_body TEXT,
        amount_fen INTEGER CHECK (amount_fen >= 0),
        voucher_number TEXT,
        score INTEGER CHECK (score BETWEEN 1 AND 5),
        reason TEXT,
        note TEXT,
        corrects_step_id TEXT REFERENCES renovation_step (id),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL,
        CHECK ((step = 'correction') = (corrects_step_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX renovation_step_case ON renovation_step (case_id, seq);
      CREATE UNIQUE INDEX renovation_step_corrects ON renovation_step (corrects_step_id) WHERE corrects_step_id IS NOT NULL;
      CREATE TRIGGER renovation_step_no_update BEFORE UPDATE ON renovation_step
        BEGIN SELECT RAISE(ABORT, 'renovation steps are append-only'); END;
      CREATE TRIGGER renovation_step_no_delete BEFORE DELETE ON renovation_step
        BEGIN SELECT RAISE(ABORT, 'renovation steps are append-only'); END;

      CREATE TABLE renovation_item (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL CHECK (category IN ('floor', 'door', 'bedroom', 'toilet_bath', 'kitchen', 'environment', 'supplies')),
        basic INTEGER NOT NULL CHECK (basic IN (0, 1)),
        subsidised INTEGER NOT NULL CHECK (subsidised IN (0, 1)),
        local INTEGER NOT NULL CHECK (local IN (0, 1)),
        unit TEXT NOT NULL,
        reference_price_fen INTEGER CHECK (reference_price_fen >= 0),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL,
        CHECK (basic = 0 OR subsidised = 1)
      ) STRICT;

      CREATE TABLE renovation_plan_line (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES renovation_case (id),
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL REFERENCES renovation_item (id),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
        subsidised INTEGER NOT NULL CHECK (subsidised IN (0, 1)),
        note TEXT,
        UNIQUE (case_id, position)
      ) STRICT;

      -- Photos (tag before/during/after, optionally of one plan line) and documents. The bytes live in
      -- the office's file folder under their SHA-256; a row is never deleted, only withdrawn.
      CREATE TABLE renovation_attachment (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES renovation_case (id),
        kind TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
        tag TEXT NOT NULL CHECK (tag IN ('before', 'during', 'after', 'signed_plan', 'acceptance_form', 'invoice', 'other')),
        plan_line_id TEXT REFERENCES renovation_plan_line (id),
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        thumbnail_sha256 TEXT CHECK (thumbnail_sha256 IS NULL OR length(thumbnail_sha256) = 64),
        note TEXT,
        withdrawn_at TEXT,
        withdrawn_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL,
        CHECK ((kind = 'photo') = (tag IN ('before', 'during', 'after')))
      ) STRICT;
      CREATE INDEX renovation_attachment_case ON renovation_attachment (case_id, created_at);

      -- The per-household subsidy cap from a plan year on (the latest year ≤ the case's plan year applies).
      CREATE TABLE renovation_cap (
        id TEXT PRIMARY KEY,
        from_year INTEGER NOT NULL UNIQUE,
        cap_fen INTEGER NOT NULL CHECK (cap_fen >= 0),
        note TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff (id),
        created_installation TEXT NOT NULL
      ) STRICT;

      CREATE TABLE renovation_target (
        year INTEGER PRIMARY KEY,
        q1 INTEGER NOT NULL CHECK (q1 >= 0),
        q2 INTEGER NOT NULL CHECK (q2 >= 0),
        q3 INTEGER NOT NULL CHECK (q3 >= 0),
        q4 INTEGER NOT NULL CHECK (q4 >= 0),
        budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0),
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id),
        updated_installation TEXT NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT INTO renovation_item (id, code, name, category, basic, subsidised, local, unit, reference_price_fen, active, version,
         created_at, updated_at, updated_by, updated_installation)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, 1, 1, '2020-07-10T00:00:00.000Z', '2020-07-10T00:00:00.000Z', NULL, 'seed')`,
    );
    NATIONAL_ITEMS.forEach(([code, name, category, basic, unit], i) => {
      const id = `01734000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
      insert.run(id, code, name, category, basic, basic, unit);
    });
  },
};
