import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BundleExportRow, Fingerprint, JobStatus, KeysStatus } from '../contract';
import { AppError, formatMessage } from '../contract/errors';
import { writeFileAtomic } from '../services/files';
import type { Keystore } from '../services/keystore';
import { locale, passphraseFrom, RefusedError, required, UsageError, withUser, type Client } from './cli-support';

/** Usage lines of these commands, in the style of USAGE in index.ts. */
export const BUNDLE_USAGE = `key and bundle commands (county office; keys also in city mode):
  keys create   the office's key: a county's signing key, the city's key pair
                --db FILE.sqlite --user USERNAME [--passphrase-file FILE]
  keys show     the office's key fingerprints (digits, words, hex) to read out
                by phone --db FILE.sqlite --user USERNAME
  keys export-public
                the public key file for the other office (county: needs the key
                passphrase) --db FILE.sqlite --user USERNAME --out FILE
  keys import-city FILE
                the city's key file, after checking its fingerprint by phone
                --db FILE.sqlite --user USERNAME --fingerprint DIGITS
  keys rotate   a new signing key; writes the rotation statement for the city
                --db FILE.sqlite --user USERNAME --out ROTATION_FILE
  export-bundle the signed, encrypted bundle of a period (2021, 2021-Q3, 2021-07)
                or a re-export of an earlier sequence; prints the file, its
                sequence and SHA-256 --db FILE.sqlite --user USERNAME --out DIR
                --period PERIOD [--correction REASON] | --reexport SEQUENCE

Keys are sealed with a passphrase: WELFARE_LEDGER_KEY_PASSPHRASE, or the first
line of --passphrase-file FILE. A key made in the app is used in the app.`;

const text = {
  'zh-CN': {
    signing: '签名密钥',
    retired: '已更换的签名密钥',
    cityKey: '市民政局公钥',
    cityIdentity: '本市密钥',
    digits: '数字指纹',
    words: '词语指纹',
    hex: '十六进制',
    elsewhere: '（由另一种方式保护，须在创建它的地方使用）',
    created: '已生成',
    imported: '已导入',
    rotationWritten: '密钥更换声明已写入',
    written: '已写入',
    sequence: '序号',
  },
  en: {
    signing: 'signing key',
    retired: 'rotated-out signing key',
    cityKey: "city's public key",
    cityIdentity: 'city key pair',
    digits: 'digits',
    words: 'words',
    hex: 'hex',
    elsewhere: ' (protected another way: use it where it was made)',
    created: 'created',
    imported: 'imported',
    rotationWritten: 'rotation statement written to',
    written: 'written',
    sequence: 'sequence',
  },
}[locale];

const options = {
  db: { type: 'string' },
  user: { type: 'string' },
  'passphrase-file': { type: 'string' },
  out: { type: 'string' },
  fingerprint: { type: 'string' },
  period: { type: 'string' },
  correction: { type: 'string' },
  reexport: { type: 'string' },
} as const;

function parse(args: string[], allowed: (keyof typeof options)[], positionals = 0) {
  const picked = Object.fromEntries(allowed.map((k) => [k, options[k]]));
  const parsed = parseArgs({ args, options: picked, allowPositionals: positionals > 0 });
  if (parsed.positionals.length !== positionals) throw new UsageError(positionals ? 'expected one FILE' : `unexpected argument: ${parsed.positionals[0]}`);
  return { values: parsed.values as Record<string, string | undefined>, positionals: parsed.positionals };
}

/**
 * The key passphrase, asked for only when a key is actually sealed or opened: `keys show` and the
 * city's `keys export-public` need none. Without one, a clear refusal rather than a weak default.
 */
function lazyPassphrase(values: Record<string, unknown>): Keystore {
  let store: Keystore | null = null;
  const get = () => {
    if (!store) {
      if (!values['passphrase-file'] && !process.env.WELFARE_LEDGER_KEY_PASSPHRASE) throw new AppError('KEY_PASSPHRASE_REQUIRED');
      store = passphraseFrom(values);
    }
    return store;
  };
  return { kind: 'passphrase', strong: true, seal: (secret) => get().seal(secret), open: (sealed) => get().open(sealed) };
}

function fingerprintLines(title: string, fp: Fingerprint): string[] {
  return [title, `  ${text.digits}: ${fp.digits}`, `  ${text.words}: ${fp.words.join(' ')}`, `  ${text.hex}: ${fp.hex}`];
}

function statusLines(status: KeysStatus): string[] {
  const lines: string[] = [];
  if (status.signing) {
    lines.push(...fingerprintLines(`${text.signing}${status.signing.usableHere ? '' : text.elsewhere}`, status.signing.fingerprint));
  }
  if (status.cityKey) lines.push(...fingerprintLines(`${text.cityKey} ${status.cityKey.office} (${status.cityKey.cityCode})`, status.cityKey.fingerprint));
  if (status.cityIdentity) lines.push(...fingerprintLines(`${text.cityIdentity} ${status.cityIdentity.office} (${status.cityIdentity.cityCode})`, status.cityIdentity.fingerprint));
  for (const retired of status.retiredSigning) lines.push(...fingerprintLines(`${text.retired} (${retired.retiredAt})`, retired.fingerprint));
  return lines;
}

async function keysCreate(args: string[]) {
  const { values } = parse(args, ['db', 'user', 'passphrase-file']);
  const keystore = passphraseFrom(values);
  await withUser(values, async (client) => {
    const status = await client.call('keys.create', {});
    console.log(`${text.created}:`);
    for (const line of statusLines(status)) console.log(line);
  }, keystore);
}

async function keysShow(args: string[]) {
  const { values } = parse(args, ['db', 'user']);
  await withUser(values, async (client) => {
    const status = await client.call('keys.status', {});
    const lines = statusLines(status);
    if (lines.length === 0) throw new RefusedError(formatMessage(status.mode === 'county' ? 'NO_SIGNING_KEY' : 'NO_CITY_IDENTITY', undefined, {}, locale));
    for (const line of lines) console.log(line);
  });
}

async function keysExportPublic(args: string[]) {
  const { values } = parse(args, ['db', 'user', 'out', 'passphrase-file']);
  const out = resolve(required(values, 'out'));
  await withUser(values, async (client) => {
    const file = await client.call('keys.publicFile', {});
    writeFileAtomic(out, file.content);
    console.log(out);
  }, lazyPassphrase(values));
}

async function keysImportCity(args: string[]) {
  const { values, positionals } = parse(args, ['db', 'user', 'fingerprint'], 1);
  const content = readFileSync(resolve(positionals[0]!), 'utf8');
  const confirmedFingerprint = required(values, 'fingerprint');
  await withUser(values, async (client) => {
    const status = await client.call('keys.importCityKey', { content, confirmedFingerprint });
    console.log(`${text.imported}:`);
    for (const line of fingerprintLines(`${text.cityKey} ${status.cityKey!.office} (${status.cityKey!.cityCode})`, status.cityKey!.fingerprint)) console.log(line);
  });
}

async function keysRotate(args: string[]) {
  const { values } = parse(args, ['db', 'user', 'out', 'passphrase-file']);
  const out = resolve(required(values, 'out'));
  const keystore = passphraseFrom(values);
  await withUser(values, async (client) => {
    const { status, rotationFile } = await client.call('keys.rotate', {});
    writeFileAtomic(out, rotationFile.content);
    console.log(`${text.rotationWritten} ${out}`);
    for (const line of fingerprintLines(text.signing, status.signing!.fingerprint)) console.log(line);
  }, keystore);
}

async function waitForJob(client: Client, job: JobStatus<BundleExportRow>): Promise<BundleExportRow> {
  let status: JobStatus = job;
  while (status.state === 'running') {
    await new Promise((done) => setTimeout(done, 20));
    status = await client.call('jobs.status', { id: job.id });
  }
  if (status.state !== 'done' || !status.result) {
    const error = status.error;
    throw new RefusedError(error ? formatMessage(error.code, error.field, error.params, locale) : status.state);
  }
  return status.result as BundleExportRow;
}

async function exportBundle(args: string[]) {
  const { values } = parse(args, ['db', 'user', 'out', 'period', 'correction', 'reexport', 'passphrase-file']);
  const dir = resolve(required(values, 'out'));
  if (!values.period === !values.reexport) throw new UsageError('give either --period PERIOD or --reexport SEQUENCE');
  if (values.reexport && values.correction !== undefined) throw new UsageError('--correction goes with --period');
  const reexportOf = values.reexport === undefined ? null : Number(values.reexport);
  if (reexportOf !== null && !(Number.isInteger(reexportOf) && reexportOf >= 1)) throw new UsageError('--reexport must be a sequence number such as 3');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out must be a folder: ${dir}`);
  const keystore = passphraseFrom(values);
  await withUser(values, async (client) => {
    const job =
      reexportOf === null
        ? await client.call('bundles.export', { period: values.period!, correction: values.correction !== undefined ? { reason: values.correction } : null })
        : await client.call('bundles.reexport', { sequence: reexportOf });
    const row = await waitForJob(client, job);
    const file = await client.call('bundles.download', { sequence: row.sequence });
    mkdirSync(dir, { recursive: true });
    const path = join(dir, file.fileName);
    writeFileAtomic(path, Buffer.from(file.contentBase64, 'base64'));
    console.log(path);
    console.log(`${text.sequence}: ${row.sequence}`);
    console.log(`SHA-256: ${row.fileSha256}`);
  }, keystore);
}

/** Runs the command when it is one of these; false otherwise. */
export async function bundleCommand(command: string | undefined, sub: string | undefined, rest: string[]): Promise<boolean> {
  if (command === 'keys') {
    if (sub === 'create') await keysCreate(rest);
    else if (sub === 'show') await keysShow(rest);
    else if (sub === 'export-public') await keysExportPublic(rest);
    else if (sub === 'import-city') await keysImportCity(rest);
    else if (sub === 'rotate') await keysRotate(rest);
    else throw new UsageError(`unknown command: keys ${sub ?? ''}`.trim());
    return true;
  }
  if (command === 'export-bundle') {
    await exportBundle([sub, ...rest].filter((a): a is string => a !== undefined));
    return true;
  }
  return false;
}
