import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../../main/services/files';

/**
 * The child of interrupted-writes.test.ts: rewrites one big file with writeFileAtomic, forever,
 * until it is killed. Before each write it announces `writing <id> <sha256>`, after it `done <id>`.
 * stdout is a pipe, which Node writes synchronously on POSIX: an announced line is in the pipe
 * before the next statement runs.
 *
 * argv: <target path> <size in bytes> <run number>
 */

const [target, sizeArg, runArg] = process.argv.slice(2);
const size = Number(sizeArg);
const run = Number(runArg);
const data = Buffer.alloc(size, `${run}:interrupted-writes:`);

for (let n = 0; ; n++) {
  const id = `${run}-${n}`;
  // Each version differs at both ends, so a torn mix of two versions cannot hash like either.
  data.write(`${id};`.padEnd(16, '#'), 0);
  data.write(`${id};`.padEnd(16, '#'), size - 16);
  const sha256 = createHash('sha256').update(data).digest('hex');
  process.stdout.write(`writing ${id} ${sha256}\n`);
  writeFileAtomic(target!, data);
  process.stdout.write(`done ${id}\n`);
}
