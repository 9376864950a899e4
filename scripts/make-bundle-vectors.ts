/**
 * Regenerates the bundle test vectors in tests/fixtures/bundles/ (docs/bundle-format.md, "Test
 * vectors"): a small valid bundle, the TEST-ONLY keys that made and can open it, the key files,
 * and expected.json / README.md with the hashes and fingerprints an independent verifier must
 * reproduce. Run: npx tsx scripts/make-bundle-vectors.ts
 *
 * Everything is fixed except what cryptography randomises (the keys and age's file keys), so a
 * run produces new keys and hashes: commit the whole folder together.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../main/bundles/canonical-json';
import { CONTENTS_HEADER, recordSchemaFor } from '../main/bundles/content';
import { cityKeyFingerprint, countyKeyFingerprint } from '../main/bundles/fingerprint';
import { makeCityKeyFile, makeCountyKeyFile, makeKeyRotation } from '../main/bundles/key-files';
import { generateCityIdentity, generateSigningKey, toHex } from '../main/bundles/keys';
import { bundleFileName, period } from '../main/bundles/statement';
import { writeBundle } from '../main/bundles/write-bundle';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'bundles');
const COUNTY = { code: '445302', name: '云城区', office: '云城区民政局' };
const CREATED_AT = '2022-01-05T02:00:00.000Z';
/** The "now" a verifier uses for the vector (the bundle must not look 24 h in the future). */
const VERIFY_AT = '2022-01-10T00:00:00.000Z';

const summary = {
  county: COUNTY,
  period: '2021',
  asOf: '2021-12-31',
  progress: { year: 2021, tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534, target: { stations: 13, familyBeds: 45, homeVisits: 8000 } },
  coverage: {
    goalPerMille: 600,
    streets: { total: 2, covered: 2, ratePerMille: 1000, uncovered: [] },
    towns: { total: 2, covered: 1, ratePerMille: 500, uncovered: [{ code: '445302104', name: '安塘街道' }] },
  },
  services: [],
  residents: { institutions: [], total: { totalBeds: 0, residents: 0, onLeave: 0, ratePerMille: null }, byCategory: [], children: 0 },
  renovations: { year: 2021, target: null, applied: 0, assessed: 0, worksStarted: 0, accepted: 0, paid: 0, closed: 0, subsidyPaidFen: 0, cases: 0, open: 0, byState: [] },
};

const station = (id: string, name: string, completed: string) => ({
  id,
  name,
  kind: 'village_station',
  townCode: '445302001',
  villageCode: null,
  taskYear: 2021,
  fundingFen: 10_000_000,
  state: 'operating',
  plannedDate: '2021-01-15',
  constructionDate: '2021-03-01',
  completedDate: completed,
  acceptedDate: completed,
  operatingDate: completed,
  suspendedDate: null,
  closedDate: null,
  operatingMode: 'commissioned',
  operatorName: '云浮市康乐养老服务有限公司',
  beds: 4,
  staff: 2,
  services: ['meals', 'visiting', 'day_care'],
  medicalPartnerType: 'village_clinic',
  tcmBase: false,
  oneStopSettlement: false,
});
const stations = [
  station('0190a7c4-1f00-7000-8000-000000000001', '云城街道东门居家养老服务站', '2021-06-30'),
  station('0190a7c4-1f00-7000-8000-000000000002', '云城街道星岩居家养老服务站', '2021-09-30'),
];

/** JSON Lines: the header, then one canonical record per line; each record checked against content.ts. */
function jsonLines(contents: string, records: unknown[]): Buffer {
  const header = CONTENTS_HEADER.parse({ contents, county: COUNTY.code, period: '2021', records: records.length });
  for (const record of records) recordSchemaFor(contents)!.parse(record);
  return Buffer.from([header, ...records].map((r) => `${canonicalJson(r)}\n`).join(''), 'utf8');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const county = generateSigningKey();
  const nextCounty = generateSigningKey();
  const city = await generateCityIdentity();
  const fileName = bundleFileName(COUNTY.code, '2021', 1);

  const written = await writeBundle({
    outPath: join(OUT, fileName),
    statement: {
      format: 'welfare-ledger/bundle/v1',
      county: COUNTY,
      period: period('year', '2021'),
      sequence: 1,
      previous: null,
      createdAt: CREATED_AT,
      createdBy: '测试员',
      purpose: { kind: 'regular' },
      app: { version: 'test-vector', schema: 5 },
    },
    files: [
      { contents: 'summary', records: 1, plain: jsonLines('summary', [summary]) },
      { contents: 'stations', records: stations.length, plain: jsonLines('stations', stations) },
    ],
    signingKey: county,
    recipient: city.recipient,
  });

  const files: Record<string, string | Uint8Array> = {
    'TEST-ONLY-county-signing-key.pkcs8.hex': `${toHex(county.privateKeyPkcs8)}\n`,
    'TEST-ONLY-county-next-signing-key.pkcs8.hex': `${toHex(nextCounty.privateKeyPkcs8)}\n`,
    'TEST-ONLY-city-identity.txt': `${city.identity}\n`,
    'county-key.json': makeCountyKeyFile({ county: COUNTY.code, countyName: COUNTY.name, office: COUNTY.office, createdAt: '2021-12-01T00:00:00.000Z' }, county),
    'city-key.json': makeCityKeyFile({ city: '4453', cityName: '云浮市', office: '云浮市民政局', recipient: city.recipient, createdAt: '2021-12-01T00:00:00.000Z' }),
    'key-rotation.json': makeKeyRotation({ county: COUNTY.code, rotatedAt: '2022-02-01T00:00:00.000Z' }, county, nextCounty),
  };
  const countyFp = countyKeyFingerprint(county.publicKey);
  const cityFp = cityKeyFingerprint(city.recipient);
  const expected = {
    bundle: fileName,
    verifyAt: VERIFY_AT,
    statementHash: written.statementHash,
    fileSha256: written.fileSha256,
    fileSize: written.fileSize,
    signer: toHex(county.publicKey),
    recipient: city.recipient,
    records: { summary: 1, stations: stations.length },
    countyKeyFingerprint: countyFp,
    cityKeyFingerprint: cityFp,
    nextCountyPublicKey: toHex(nextCounty.publicKey),
  };
  files['expected.json'] = `${JSON.stringify(expected, null, 2)}\n`;
  files['README.md'] = readme(expected, written.statementBytes.toString('utf8'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(OUT, name), content);
  console.log(`wrote ${Object.keys(files).length + 1} files to ${OUT}`);
}

function readme(e: Record<string, unknown> & { countyKeyFingerprint: { hex: string; digits: string; words: string }; cityKeyFingerprint: { hex: string; digits: string; words: string } }, statement: string): string {
  return `# Bundle test vectors

Generated by \`npx tsx scripts/make-bundle-vectors.ts\` (see docs/bundle-format.md). **The keys here are
for tests only: they are public, never enroll them anywhere.** Regenerating makes new keys and hashes;
commit the whole folder at once. The bundle's records follow main/bundles/content.ts as it was when
it was generated: when content.ts changes incompatibly, the vector test says so — regenerate.

| file | what |
| --- | --- |
| \`${String(e.bundle)}\` | a valid 2021 bundle of 云城区 (445302), sequence 1: \`data/summary.age\` (1 record), \`data/stations.age\` (2 records) |
| \`TEST-ONLY-county-signing-key.pkcs8.hex\` | the county's Ed25519 private key that signed it (PKCS#8 DER, hex) |
| \`TEST-ONLY-county-next-signing-key.pkcs8.hex\` | the key \`key-rotation.json\` rotates to |
| \`TEST-ONLY-city-identity.txt\` | the city's age X25519 identity that decrypts the data files |
| \`county-key.json\` | the county public key file (self-signed, domain \`welfare-ledger/county-key/v1\`) |
| \`city-key.json\` | the city key file (the age recipient) |
| \`key-rotation.json\` | a rotation of the county key, signed by both keys (domain \`welfare-ledger/key-rotation/v1\`) |
| \`expected.json\` | the values below, for tests |

Verify with "now" = \`${String(e.verifyAt)}\` and the county key trusted for 445302.

- statementHash (SHA-256 of statement.json): \`${String(e.statementHash)}\`
- SHA-256 of the whole file: \`${String(e.fileSha256)}\` (${String(e.fileSize)} bytes)
- signer: \`${String(e.signer)}\`
- recipient: \`${String(e.recipient)}\`
- county key fingerprint: \`${e.countyKeyFingerprint.hex}\`
  - digits: ${e.countyKeyFingerprint.digits}
  - words: ${e.countyKeyFingerprint.words}
- city key fingerprint: \`${e.cityKeyFingerprint.hex}\`
  - digits: ${e.cityKeyFingerprint.digits}
  - words: ${e.cityKeyFingerprint.words}

statement.json:

\`\`\`json
${statement}
\`\`\`
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
