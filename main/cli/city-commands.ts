import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACT } from '../contract';
import type { ImportOutcome } from '../contract/areas/city';
import { formatMessage } from '../contract/errors';
import { parseCountyKeyFile } from '../bundles/key-files';
import { BundleRejection } from '../bundles/rejection';
import { verifyBundle, type TrustedKey } from '../bundles/verify-bundle';
import { importBundleFile } from '../services/city/import';
import { CITY_REPORT_KINDS, cityTableRows, csv, tsv, type CityReportKind } from './city-table';
import { locale, passphraseFrom, RefusedError, required, UsageError, withUser, type Client } from './cli-support';

/** Usage lines of these commands, in the style of USAGE in index.ts. */
export const CITY_USAGE = `city office commands:
  verify-bundle FILE
                check a bundle offline, without a database: structure, signature
                and file hashes against the given county key files
                --trust KEYFILE[,KEYFILE…] [--now ISO-INSTANT]
  city enroll-key FILE
                trust a county's public key file after checking its fingerprint
                by phone --db FILE.sqlite --user USERNAME --fingerprint DIGITS
  city rotate-key FILE
                import a county's key rotation statement (signed by both keys)
                --db FILE.sqlite --user USERNAME
  city revoke-key
                revoke a county's active key now --db FILE.sqlite --user USERNAME
                --county CODE --reason TEXT
  city import FILE|FOLDER…
                verify and import bundles (every .wlb of a folder); one line per
                file: accepted, already imported or rejected with the reason
                --db FILE.sqlite --user USERNAME [--passphrase-file FILE]
  city report progress|coverage|residents|renovations
                a city table for a period: one row per county and the total
                --db FILE.sqlite --user USERNAME --period 2021|2021-Q3|2021-07 [--csv]

city import decrypts with the city key: its passphrase comes from
WELFARE_LEDGER_KEY_PASSPHRASE or --passphrase-file, as for the keys commands.`;

const dbOptions = { db: { type: 'string' }, user: { type: 'string' } } as const;

/** The message of a format refusal in the CLI's language. */
function refusal(error: BundleRejection): RefusedError {
  return new RefusedError(formatMessage(error.code, undefined, error.params, locale));
}

async function verifyCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { trust: { type: 'string' }, now: { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('verify-bundle takes one FILE');
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an instant such as 2026-11-28T12:00:00Z');
  const trusted = new Map<string, TrustedKey>();
  for (const keyFile of required(values, 'trust').split(',').filter(Boolean)) {
    try {
      const key = parseCountyKeyFile(readFileSync(keyFile));
      trusted.set(key.publicKey, { county: key.county, retiredAt: null, revokedAt: null });
    } catch (error) {
      if (error instanceof BundleRejection) throw new RefusedError(`${keyFile}: ${refusal(error).message}`);
      throw error;
    }
  }
  try {
    const v = await verifyBundle(resolve(file), { trust: (hex) => trusted.get(hex) ?? null, now });
    const s = v.statement;
    const records = s.files.reduce((sum, f) => sum + f.records, 0);
    const purpose = { regular: ['常规', 'regular'], reexport: ['重新导出', 're-export'], correction: ['更正', 'correction'] }[s.purpose.kind];
    console.log(
      locale === 'en'
        ? `OK ${s.county.code} ${s.county.name} ${s.period.label} sequence ${s.sequence} (${purpose[1]}) ${s.files.length} files ${records} records, made ${s.createdAt} by ${s.createdBy}, SHA-256 ${v.fileSha256}`
        : `OK ${s.county.code} ${s.county.name} ${s.period.label} 序号 ${s.sequence}（${purpose[0]}）${s.files.length} 个文件 ${records} 条记录，${s.createdBy} 于 ${s.createdAt} 生成，SHA-256 ${v.fileSha256}`,
    );
  } catch (error) {
    if (error instanceof BundleRejection) throw refusal(error);
    throw error;
  }
}

async function enrollKey(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...dbOptions, fingerprint: { type: 'string' } } });
  const [file] = positionals;
  if (!file) throw new UsageError('city enroll-key takes the county key FILE');
  const content = readFileSync(file, 'utf8');
  const fingerprint = required(values, 'fingerprint');
  await withUser(values, async (client) => {
    const key = await client.call('cityKeys.enroll', { content, confirmedFingerprint: fingerprint });
    console.log(`${key.countyCode} ${key.countyName} ${key.office}: ${key.fingerprint.digits}`);
  });
}

async function rotateKey(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: dbOptions });
  const [file] = positionals;
  if (!file) throw new UsageError('city rotate-key takes the rotation FILE');
  const content = readFileSync(file, 'utf8');
  await withUser(values, async (client) => {
    const key = await client.call('cityKeys.rotate', { content });
    console.log(`${key.countyCode} ${key.countyName} ${key.office}: ${key.fingerprint.digits}`);
  });
}

async function revokeKey(args: string[]) {
  const { values } = parseArgs({ args, options: { ...dbOptions, county: { type: 'string' }, reason: { type: 'string' } } });
  const county = required(values, 'county');
  const reason = required(values, 'reason');
  await withUser(values, async (client) => {
    const status = (await client.call('cityKeys.list', {})).find((c) => c.countyCode === county);
    if (!status) throw new RefusedError(formatMessage('NOT_OUR_COUNTY', undefined, { county }, locale));
    if (!status.activeKey) throw new RefusedError(formatMessage('KEY_NOT_ACTIVE', undefined, {}, locale));
    const key = await client.call('cityKeys.revoke', { keyId: status.activeKey.id, reason });
    console.log(`${key.countyCode} ${key.countyName}: ${key.fingerprint.digits} ${key.revokedAt}`);
  });
}

/** `445302-2021-Q3-000004.wlb` → ['445302', 4]; other names sort after, by name. */
function sequenceOfName(name: string): [string, number] | null {
  const m = /^(\d{6})-.+-(\d{6})\.wlb$/.exec(name);
  return m ? [m[1]!, Number(m[2])] : null;
}

/**
 * The files to import: the named files, and every .wlb of a named folder. Each county's bundles
 * go in sequence order (by the numbers in their names), so a folder of several never trips the
 * rollback rule on its own order.
 */
export function bundleFiles(paths: string[]): string[] {
  const files = paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((n) => n.toLowerCase().endsWith('.wlb'))
          .map((n) => join(p, n))
      : [p],
  );
  return files.sort((a, b) => {
    const x = sequenceOfName(basename(a));
    const y = sequenceOfName(basename(b));
    if (x && y) return x[0].localeCompare(y[0]) || x[1] - y[1];
    if (x || y) return x ? -1 : 1;
    return basename(a).localeCompare(basename(b));
  });
}

const OUTCOME_WORDS = {
  accepted: { 'zh-CN': '已接收', en: 'accepted' },
  duplicate: { 'zh-CN': '已导入过（相同），未作更改', en: 'already imported (identical), nothing changed' },
  rejected: { 'zh-CN': '已拒绝', en: 'rejected' },
  damaged: { 'zh-CN': '文件已损坏', en: 'damaged' },
  missing: { 'zh-CN': '缺少序号', en: 'missing sequence' },
} as const;

function outcomeLine(file: string, o: ImportOutcome): string {
  const words = (key: keyof typeof OUTCOME_WORDS) => OUTCOME_WORDS[key][locale];
  const what = o.countyCode ? `${o.countyCode} ${o.countyName} ${o.periodLabel} #${o.sequence}` : '';
  if (o.outcome === 'rejected') {
    return [file, o.damaged ? words('damaged') : words('rejected'), what, o.error?.code ?? '', formatMessage(o.error?.code ?? 'INTERNAL', o.error?.field, o.error?.params, locale)]
      .filter(Boolean)
      .join('\t');
  }
  const missing = o.missingSequences.length ? `${words('missing')} ${o.missingSequences.join(', ')}` : '';
  return [file, words(o.outcome), what, missing].filter(Boolean).join('\t');
}

async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...dbOptions, 'passphrase-file': { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('city import takes FILE or FOLDER arguments');
  const keystore = passphraseFrom(values);
  const files = bundleFiles(positionals);
  let rejected = 0;
  await withUser(
    values,
    async (client: Client) => {
      const ctx = await client.core.serviceContext(client.session, CONTRACT['cityBundles.import'].access as 'clerk');
      const actor = ctx.actor();
      for (const file of files) {
        const outcome = await importBundleFile(ctx, resolve(file), { fileName: basename(file), actor: { id: actor.id, displayName: actor.displayName } });
        if (outcome.outcome === 'rejected') rejected++;
        console.log(outcomeLine(basename(file), outcome));
      }
    },
    keystore,
  );
  if (rejected > 0) {
    throw new RefusedError(locale === 'en' ? `${rejected} of ${files.length} bundles rejected` : `${files.length} 个报送包中有 ${rejected} 个被拒绝`);
  }
}

async function reportCommand(kind: string | undefined, args: string[]) {
  if (!CITY_REPORT_KINDS.includes(kind as CityReportKind)) throw new UsageError(`city report takes one of ${CITY_REPORT_KINDS.join(', ')}`);
  const { values } = parseArgs({ args, options: { ...dbOptions, period: { type: 'string' }, csv: { type: 'boolean', default: false } } });
  const period = required(values, 'period');
  await withUser(values, async (client) => {
    const rows =
      kind === 'progress'
        ? cityTableRows('progress', await client.call('cityTables.progress', { period }))
        : kind === 'coverage'
          ? cityTableRows('coverage', await client.call('cityTables.coverage', { period }))
          : kind === 'residents'
            ? cityTableRows('residents', await client.call('cityTables.residents', { period }))
            : cityTableRows('renovations', await client.call('cityTables.renovations', { period }));
    if (values.csv) process.stdout.write(csv(rows));
    else for (const line of tsv(rows)) console.log(line);
  });
}

/** Runs the command when it is one of these; false otherwise. */
export async function cityCommand(command: string | undefined, sub: string | undefined, rest: string[]): Promise<boolean> {
  const withSub = [sub, ...rest].filter((a): a is string => a !== undefined);
  if (command === 'verify-bundle') await verifyCommand(withSub);
  else if (command !== 'city') return false;
  else if (sub === 'enroll-key') await enrollKey(rest);
  else if (sub === 'rotate-key') await rotateKey(rest);
  else if (sub === 'revoke-key') await revokeKey(rest);
  else if (sub === 'import') await importCommand(rest);
  else if (sub === 'report') await reportCommand(rest[0], rest.slice(1));
  else throw new UsageError(`unknown command: city ${sub ?? ''}`.trim());
  return true;
}
