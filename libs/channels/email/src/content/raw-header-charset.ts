import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Headers should be 7-bit (RFC 2047 encoded-words), but many mailers in Japan and China send
 * Subject and From as raw Shift_JIS or GB2312 bytes. mailparser reads raw header bytes as
 * UTF-8, which turns "ツール" into "�c�[��". Before parsing, the top-level header lines that
 * are not valid UTF-8 are re-encoded to UTF-8 from the charset the message declares (its own
 * Content-Type, else its first text part's), else from what chardet recognises. A line no
 * charset decodes cleanly is left for mailparser as it was.
 */

/** Where the top-level header block is looked for; a header this large is pathological anyway. */
const MAX_HEADER_BYTES = 1024 * 1024;
/** How far into the body the first text part's charset is looked for. */
const MAX_CHARSET_SCAN_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const has8bit = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/** The end of the header block (index of the blank line), or the whole mail when it has no body. */
function headerEnd(raw: Buffer): number {
  const limit = raw.subarray(0, MAX_HEADER_BYTES);
  const crlf = limit.indexOf('\r\n\r\n');
  const lf = limit.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : limit.length;
}

/** The charset a Content-Type header in this (ASCII) text declares, if iconv knows it. */
function declaredCharset(text: string, textPartOnly: boolean): string | undefined {
  const pattern = textPartOnly
    ? /^content-type:[ \t]*text\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im
    : /^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im;
  const header = pattern.exec(text)?.[0];
  const charset = header && /charset[ \t]*=[ \t]*"?([A-Za-z0-9_.:+-]+)/i.exec(header)?.[1];
  // A message that claims ASCII or UTF-8 yet has other 8-bit headers says nothing useful.
  return charset && iconv.encodingExists(charset) && !/^(us-?ascii|ascii|utf-?8)$/i.test(charset)
    ? charset
    : undefined;
}

/** Decodes `bytes` with the first charset that reads them without a replacement character. */
function decodeCleanly(bytes: Buffer, charsets: Array<string | undefined>): string | undefined {
  for (const charset of charsets) {
    if (!charset || !iconv.encodingExists(charset)) continue;
    const text = iconv.decode(bytes, charset);
    if (!text.includes('\uFFFD')) return text;
  }
  return undefined;
}

/** The mail with its top-level header lines in UTF-8, or the same bytes when nothing needs it. */
export function withUtf8Headers(raw: Uint8Array): Uint8Array {
  const mail = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const end = headerEnd(mail);
  const header = mail.subarray(0, end);
  if (!has8bit(header) || isUtf8(header)) return raw;

  const lines: Buffer[] = [];
  for (let start = 0; start < header.length;) {
    const newline = header.indexOf(0x0a, start);
    const stop = newline < 0 ? header.length : newline + 1;
    lines.push(header.subarray(start, stop));
    start = stop;
  }
  const foreign = lines.filter((line) => has8bit(line) && !isUtf8(line));
  const headerText = header.toString('latin1');
  const body = mail.subarray(end, end + MAX_CHARSET_SCAN_BYTES).toString('latin1');
  const declared = declaredCharset(headerText, false) ?? declaredCharset(body, true);
  // Detection sees all the foreign lines at once: one short subject alone is too little to go on.
  const detected = chardet
    .analyse(Buffer.concat(foreign.map((line) => line.subarray(line.indexOf(0x3a) + 1))))
    .map((match) => match.name)
    .filter((name) => !/^utf-(16|32)/i.test(name)); // header lines are ASCII-compatible text

  let changed = false;
  const rewritten = lines.map((line) => {
    if (!foreign.includes(line)) return line;
    const text = decodeCleanly(line, [declared, ...detected]);
    if (text === undefined) return line;
    changed = true;
    return Buffer.from(text, 'utf8');
  });
  return changed ? Buffer.concat([...rewritten, mail.subarray(end)]) : raw;
}
