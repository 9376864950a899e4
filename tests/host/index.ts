import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from './test-host';

/** `npm run test-host -- --port 5173 --data DIR`: the test host by hand, for looking at pages. */
const { values } = parseArgs({ options: { port: { type: 'string', default: '5173' }, data: { type: 'string' } } });
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'welfare-ledger-host-'));
void startTestHost({ dataDir, port: Number(values.port) }).then((host) => {
  console.log(`test host on ${host.url} (data: ${dataDir})`);
});
