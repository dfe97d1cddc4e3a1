import { stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { ContactExport } from './contact-export.js';
import { storedFilePath } from './stored-files.js';

/**
 * The export as one zip, streamed: `contact.json` first, then each file from the data directory
 * under the path the document names. A file missing on disk is listed in `missing-files.json`
 * rather than failing the whole export. Files are read one at a time as the archive is written,
 * so a contact with many large attachments does not sit in memory.
 */
export async function exportArchive(data: ContactExport, dataDir: string): Promise<Readable> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(data.document, null, 2)), 'contact.json');
  const missing: string[] = [];
  for (const file of data.files) {
    const path = storedFilePath(dataDir, file.storageKey);
    const found = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (found) zip.addFile(path, file.path, { compress: true });
    else missing.push(file.path);
  }
  if (missing.length) zip.addBuffer(Buffer.from(JSON.stringify(missing, null, 2)), 'missing-files.json');
  zip.end();
  const out = new PassThrough();
  // A file removed between the check and the read ends the download with an error, never a silently short archive.
  zip.on('error', (err: Error) => out.destroy(err));
  zip.outputStream.pipe(out);
  return out;
}
