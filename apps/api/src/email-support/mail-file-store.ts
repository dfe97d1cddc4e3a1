import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { MailFileStore } from '@switchboard/channel-email';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const KEY =
  /^(?:mail\/[0-9a-f]{2}\/[0-9a-f]{64}\.eml|email-files\/[0-9a-f]{2}\/[0-9a-f]{64}|uploads\/[0-9a-f]{2}\/[0-9a-f-]{36})$/;
const UPLOAD_KEY = /^uploads\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/**
 * Raw mail under DATA_DIR/mail and attachments under DATA_DIR/email-files, named by the sha256
 * of their bytes: storing the same mail twice (a re-fetch after a crash) writes nothing new,
 * and no name a sender chose ever reaches the file system. Written to a temporary name and
 * renamed, so a crash never leaves a partial file under the real name. Agents' uploads are the
 * exception: each has a file of its own under DATA_DIR/uploads, so an unsent one can be deleted
 * without asking who else shares its bytes.
 */
@Injectable()
export class DataDirMailFileStore implements MailFileStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async putRaw(bytes: Buffer): Promise<{ key: string; sha256: string }> {
    const sha256 = sha(bytes);
    const key = `mail/${sha256.slice(0, 2)}/${sha256}.eml`;
    await this.write(key, bytes);
    return { key, sha256 };
  }

  async putFile(bytes: Buffer): Promise<string> {
    const sha256 = sha(bytes);
    const key = `email-files/${sha256.slice(0, 2)}/${sha256}`;
    await this.write(key, bytes);
    return key;
  }

  async putUpload(bytes: Buffer): Promise<string> {
    const id = randomUUID();
    const key = `uploads/${id.slice(0, 2)}/${id}`;
    await this.write(key, bytes);
    return key;
  }

  async removeUpload(key: string): Promise<void> {
    if (!UPLOAD_KEY.test(key)) throw new Error(`not an upload storage key: ${key}`);
    await rm(join(this.config.dataDir, key), { force: true });
  }

  async read(key: string): Promise<Buffer> {
    if (!KEY.test(key)) throw new Error(`not a mail storage key: ${key}`);
    return readFile(join(this.config.dataDir, key));
  }

  private async write(key: string, bytes: Buffer): Promise<void> {
    const path = join(this.config.dataDir, key);
    if (await exists(path)) return;
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const writeTmp = () => writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
    // The directory is made only when missing: a mailbox's backlog would otherwise ask once per mail.
    await writeTmp().catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await mkdir(dirname(path), { recursive: true });
      await writeTmp();
    });
    await rename(tmp, path);
  }
}

function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
