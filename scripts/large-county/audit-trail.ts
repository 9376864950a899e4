import { maskName } from '../../main/contract/roles';
import { FIRST_DAY, LARGE_TODAY, scaled, type AuditDraft, type Gen } from './context';

/**
 * Writes the audit trail in time order: the entries the records above would have left (gathered by
 * each stage), topped up to the promised size with what daily use adds — logins and logouts,
 * residents' details viewed, people's details edited — spread evenly over the ten years.
 */
export function writeAuditTrail(gen: Gen, username: string): number {
  const rng = gen.rng('audit');
  const total = Math.max(scaled(gen, 2_000_000), gen.audit.length);
  const real = gen.audit.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const people = real.filter((e) => e.entity === 'person' && e.action === 'create');
  const residents = real.filter((e) => e.entity === 'resident' && e.action === 'admit');
  const fillers = total - real.length;
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const span = Date.parse(`${LARGE_TODAY}T10:00:00Z`) - start;
  const filler = (k: number): AuditDraft => {
    const at = new Date(start + Math.floor(((k + rng.next()) * span) / fillers)).toISOString();
    const roll = rng.next();
    if (roll < 0.3 || (people.length === 0 && residents.length === 0)) {
      return { at, action: k % 2 === 0 ? 'login' : 'logout', entity: 'staff', entityId: gen.staffId, summary: username, after: null };
    }
    if (roll < 0.55 && residents.length > 0) {
      const r = residents[rng.int(0, residents.length - 1)]!;
      return { at, action: 'view', entity: 'resident', entityId: r.entityId, summary: maskName(r.summary), after: null };
    }
    const p = people.length > 0 ? people[rng.int(0, people.length - 1)]! : residents[0]!;
    return { at, action: 'update', entity: p.entity, entityId: p.entityId, summary: p.summary, after: null };
  };
  const insert = gen.db.prepare(
    `INSERT INTO audit_entry (id, at, actor_id, actor_name, installation_id, action, entity, entity_id, summary, before_json, after_json)
     VALUES (?,?,?,?,?,?,?,?,?,NULL,?)`,
  );
  let r = 0;
  let f = 0;
  let pendingFiller: AuditDraft | null = fillers > 0 ? filler(0) : null;
  const batch = 50_000;
  let written = 0;
  while (written < total) {
    gen.db.transaction(() => {
      for (let end = Math.min(total, written + batch); written < end; written++) {
        let e: AuditDraft;
        if (pendingFiller && (r >= real.length || pendingFiller.at < real[r]!.at)) {
          e = pendingFiller;
          f++;
          pendingFiller = f < fillers ? filler(f) : null;
        } else {
          e = real[r++]!;
        }
        insert.run(gen.id(e.at), e.at, gen.staffId, gen.staffName, gen.installationId, e.action, e.entity, e.entityId, e.summary, e.after);
      }
    })();
    gen.progress('audit trail', written / total);
  }
  return written;
}
