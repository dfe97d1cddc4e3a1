import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentStore, InboundAttachment } from '@switchboard/channel-kit';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const KEY = /^attachments\/\d{4}-\d{2}\/[0-9a-f-]{36}$/;

/**
 * Customer files under DATA_DIR/attachments/<yyyy-mm>/<uuid>. The name a customer or provider
 * gave is kept as metadata only: it never becomes part of a path.
 */
@Injectable()
export class FileAttachmentStore implements AttachmentStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async save(file: { filename: string; contentType: string; bytes: Buffer }): Promise<InboundAttachment> {
    const month = new Date().toISOString().slice(0, 7);
    const storageKey = `attachments/${month}/${randomUUID()}`;
    await mkdir(join(this.config.dataDir, 'attachments', month), { recursive: true });
    await writeFile(join(this.config.dataDir, storageKey), file.bytes, { flag: 'wx', mode: 0o600 });
    return {
      filename: displayName(file.filename),
      contentType: file.contentType.slice(0, 200),
      size: file.bytes.length,
      storageKey,
    };
  }

  async remove(storageKey: string): Promise<void> {
    if (!KEY.test(storageKey)) return;
    await unlink(join(this.config.dataDir, storageKey)).catch(() => undefined);
  }
}

/** A name safe to show and to offer as a download name: no directories, no control characters. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}
