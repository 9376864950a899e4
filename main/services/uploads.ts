import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../contract/errors';
import type { Clock } from './clock';

/**
 * Files a user uploaded for a multi-step job (a spreadsheet: open → preview → commit → error
 * rows), kept in memory on the main side so the renderer sends the bytes once. Only the user who
 * uploaded may use an upload; uploads expire after an hour and a user keeps at most a few.
 */
export interface Upload {
  token: string;
  owner: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  storedAt: number;
  /** What the steps learn and keep between requests (the import's last report, its error rows). */
  state: Record<string, unknown>;
}

const KEEP_MS = 60 * 60_000;
const PER_OWNER = 4;

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly clock: Clock) {}

  put(owner: string, fileName: string, bytes: Buffer): Upload {
    this.prune(owner);
    const upload: Upload = {
      token: randomUUID(),
      owner,
      fileName,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storedAt: this.clock.now().getTime(),
      state: {},
    };
    this.uploads.set(upload.token, upload);
    return upload;
  }

  /** The upload, to its owner only; IMPORT_UPLOAD_GONE when it expired or was never there. */
  get(token: string, owner: string): Upload {
    const upload = this.uploads.get(token);
    if (!upload || upload.owner !== owner || this.expired(upload)) throw new AppError('IMPORT_UPLOAD_GONE');
    return upload;
  }

  private expired(upload: Upload): boolean {
    return this.clock.now().getTime() - upload.storedAt > KEEP_MS;
  }

  private prune(owner: string) {
    for (const [token, upload] of this.uploads) if (this.expired(upload)) this.uploads.delete(token);
    const mine = [...this.uploads.values()].filter((u) => u.owner === owner).sort((a, b) => a.storedAt - b.storedAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - PER_OWNER + 1))) this.uploads.delete(old.token);
  }
}
