/**
 * Splits a plain-text email body into what the timeline shows first (`visible`) and what it
 * folds away (`elided`: quoted history, forwarded/embedded headers, mobile signatures, text
 * after a delimiter). Nothing is dropped: every line ends up in one of the two.
 *
 * A port of the line-classification logic of discourse/email_reply_trimmer (MIT License,
 * Copyright (c) Discourse, https://github.com/discourse/email_reply_trimmer), whose test
 * corpus is our golden test. No maintained JavaScript library fits: `email-reply-parser`
 * needs the native `re2` addon and `planer` needs a DOM. Ruby regex semantics are kept:
 * Ruby's `\b` and `[[:word:]]` are Unicode-aware (JS `\b` is ASCII-only), and Ruby's `/m`
 * is JS's `s` (dot matches newline).
 */

export interface TrimmedReply {
  /** The new text of this message, shown first in the timeline. */
  visible: string;
  /** Quoted history, embedded emails and signatures, folded away but kept. */
  elided: string;
}

const W = '[\\p{L}\\p{N}_]';
/** Unicode-aware word boundary, like Ruby's `\b` on UTF-8 strings. */
const B = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;
/** Ruby's `[[:blank:]]`: tab and Unicode space separators (a no-break space before ":" is common). */
const BLANK = '[\\t\\p{Zs}]';

function re(source: string, flags = ''): RegExp {
  return new RegExp(source.replace(/\\b/g, B), `u${flags}`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

// ---- line matchers ---------------------------------------------------------------------

const EMPTY_LINE = re(`^${BLANK}*$`);

const DELIMITER_CHARACTERS = '-_,=+~#*ᐧ—';
const DELIMITER = re(`^${BLANK}*[${escape(DELIMITER_CHARACTERS)}]+${BLANK}*$`);

const SIGNATURES = [
  `^${BLANK}*從我的 iPhone 傳送`,
  `^${BLANK}*${W}+ from mobile`,
  `^${BLANK}*[(<]*Sent (from|via|with|by) .+[)>]*`,
  `^${BLANK}*From my .{1,20}`,
  `^${BLANK}*Get Outlook for `,
  `^${BLANK}*Envoyé depuis (mon|Yahoo Mail)`,
  `^${BLANK}*Von meinem .+ gesendet`,
  `^${BLANK}*Diese Nachricht wurde von .+ gesendet`,
  `^${BLANK}*Inviato da `,
  `^${BLANK}*Sendt fra min `,
  `^${BLANK}*Enviado do meu `,
  `^${BLANK}*Enviado desde mi `,
  `^${BLANK}*Verzonden met `,
  `^${BLANK}*Verstuurd vanaf mijn `,
  `^${BLANK}*från min `,
].map((s) => re(s, 'i'));

/** "On <date>, <someone> wrote:" in many languages; may span several lines (Ruby /im). */
const ON_DATE_SOMEONE_WROTE = (
  [
    // [opening word, words that may not appear inside, closing words]
    ['在', '在|写道', '写道'],
    ['Op', 'Op|het\\svolgende\\sgeschreven|schreef', 'het\\svolgende\\sgeschreven|schreef[^:]+'],
    ['In message', 'In message|writes', 'writes'],
    ['On|At', 'On|wrote|writes|says|said', 'wrote|writes|says|said'],
    ['Le', 'Le|nous\\sa\\sdit|a\\s+écrit', 'nous\\sa\\sdit|a\\s+écrit'],
    ['Am', 'Am|schrieben\\sSie', 'schrieben\\sSie'],
    ['Am', 'Am|geschrieben', 'geschrieben|schrieb[^:]+'],
    ['Il', 'Il|ha\\sscritto', 'ha\\sscritto'],
    ['Dnia|Dňa', 'Dnia|Dňa|napisał', 'napisał(?:\\(a\\))?'],
    ['Em', 'Em|escreveu', 'escreveu'],
    ['El', 'El|escribió', 'escribió'],
  ] as const
).map(([on, stop, wrote]) =>
  re(`^[\\t\\p{Zs}<>-]*(?:${on}) (?:(?!\\b(?:${stop})\\b).)+?(?:${wrote})[\\t\\p{Zs}.:>-]*$`, 'ims'),
);

const ON_DATE_WROTE_SOMEONE = [
  ['Op', 'schreef'],
  ['Am', 'schrieb'],
  ['Den', 'skrev'],
  ['søn\\.', 'skrev'],
].map(([on, wrote]) => re(`^[\\t\\p{Zs}>]*${on}\\s.+\\s${wrote}\\s[^:]+:`));

const DATE_SOMEONE_WROTE = [
  ['пользователь', 'написал'],
  ['', 'napisał\\(a\\)'],
  ['', 'пише'],
].map(([user, wrote]) =>
  user ? re(`\\d{4}.{1,80}${user}.{0,80}\\n?.{0,80}?${wrote}:`) : re(`\\d{4}.{1,80}\\n?.{0,80}?${wrote}:`),
);

const EMBEDDED = [
  ...ON_DATE_SOMEONE_WROTE,
  ...ON_DATE_WROTE_SOMEONE,
  ...DATE_SOMEONE_WROTE,
  // 2015-10-18 0:17 GMT+03:00 Matt Palmer <info@discourse.org>:
  re('\\d{4}.{1,80}\\s?<[^@<>]+@[^@<>.]+\\.[^@<>]+>:?$'),
  // Max Mustermann <x@y> wrote on / schrieb am <date>:
  re('^.+\\bwrote\\b\\s+\\bon\\b.+[^:]+:'),
  re('^.+\\bschrieb\\b\\s+\\bam\\b.+[^:]+:'),
  // 2016-03-03 17:21 GMT+01:00 Some One
  re(`^[\\t\\p{Zs}>]*20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d GMT\\+\\d\\d:\\d\\d [\\w\\t\\p{Zs}]+$`),
  // codinghorror via Discourse Meta wrote:
  re(`^.+ via .+ wrote:?${BLANK}*$`),
  re(`^.+ via .+ schrieb:?${BLANK}*$`),
  // Some One <info@discourse.org> wrote:
  re('^.+\\b[\\w.+-]+@[\\w.-]+\\.\\w{2,}\\b.+wrote:?$'),
  re(`^[\\t\\p{Zs}>]*Posted by .+ on \\d{2}/\\d{2}/\\d{4}$`, 'i'),
  // Begin forwarded message: / ----- Original Message ----- and their translations
  re(`^[\\t\\p{Zs}>]*Begin forwarded message:`, 'i'),
  re(`^[\\t\\p{Zs}>*]*-{2,}${BLANK}*(Forwarded|Original|Reply) Message${BLANK}*-{2,}`, 'i'),
  re(`^[\\t\\p{Zs}>]*Début du message transféré${BLANK}*:`, 'i'),
  re(`^[\\t\\p{Zs}>*]*-{2,}${BLANK}*Message transféré${BLANK}*-{2,}`, 'i'),
  re(`^[\\t\\p{Zs}>*]*-{2,}${BLANK}*Ursprüngliche Nachricht${BLANK}*-{2,}`, 'i'),
  re(`^[\\t\\p{Zs}>*]*-{2,}${BLANK}*Mensaje original${BLANK}*-{2,}`, 'i'),
  re(`^[\\t\\p{Zs}>*]*-{2,}${BLANK}*原始邮件${BLANK}*-{2,}`, 'i'),
];

const HEADERS_WITH_DATE = [
  ['Sendt'],
  ['Sent', 'Date'],
  ['Date', 'Le'],
  ['Gesendet'],
  ['Enviada em'],
  ['Enviado'],
  ['Fecha'],
  ['Data'],
  ['Datum'],
  ['Skickat'],
  ['发送时间'],
].map((names) => re(`^[\\t\\p{Zs}*]*(?:${names.join('|')})[\\t\\p{Zs}*]*:.*\\d+`));

const HEADERS_WITH_TEXT = [
  ['Fra', 'Til', 'Emne'],
  ['From', 'To', 'Cc', 'Reply-To', 'Subject'],
  ['De', 'Expéditeur', 'À', 'Destinataire', 'Répondre à', 'Objet'],
  ['Von', 'An', 'Betreff'],
  ['De', 'Para', 'Assunto'],
  ['De', 'Para', 'Asunto'],
  ['Da', 'Risposta', 'A', 'Oggetto'],
  ['Van', 'Beantwoorden - Aan', 'Aan', 'Onderwerp'],
  ['Från', 'Till', 'Ämne'],
  ['发件人', '收件人', '主题'],
].map((names) => re(`^[\\t\\p{Zs}*]*(?:${names.join('|')})[\\t\\p{Zs}*]*:.*${W}+`, 'i'));

const QUOTE = re(`^${BLANK}*>`);
const CODE_OPEN = /^```/;
const CODE_CLOSE = /^ {0,3}```\s*$/;

type LineKind = 'd' | 'b' | 'e' | 'h' | 'q' | 's' | 't';

function classify(line: string): LineKind {
  if (EMPTY_LINE.test(line)) return 'e';
  if (DELIMITER.test(line)) return 'd';
  const withoutMarkdownLinks = line.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
  if (SIGNATURES.some((r) => r.test(withoutMarkdownLinks))) return 's';
  if (EMBEDDED.some((r) => r.test(line))) return 'b';
  if (HEADERS_WITH_DATE.some((r) => r.test(line)) || HEADERS_WITH_TEXT.some((r) => r.test(line))) return 'h';
  if (QUOTE.test(line)) return 'q';
  return 't';
}

/** Lines inside ``` fences are text whatever they look like (a `---` in code is no delimiter). */
function classifyLines(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let inCode = false;
  for (const line of lines) {
    if (inCode) {
      kinds.push('t');
      if (CODE_CLOSE.test(line)) inCode = false;
    } else if (CODE_OPEN.test(line)) {
      kinds.push('t');
      inCode = true;
    } else {
      kinds.push(classify(line));
    }
  }
  return kinds;
}

// ---- the trimming rules ----------------------------------------------------------------

/** Lines kept, each tagged with its index in the normalized original, and their kinds. */
interface Working {
  kinds: string;
  keep: number[];
}

function cutAfter(w: Working, index: number): Working {
  return { kinds: w.kinds.slice(0, index + 1), keep: w.keep.slice(0, index + 1) };
}

function removeAt(w: Working, index: number): Working {
  return {
    kinds: w.kinds.slice(0, index) + w.kinds.slice(index + 1),
    keep: [...w.keep.slice(0, index), ...w.keep.slice(index + 1)],
  };
}

function removeAll(w: Working, kinds: RegExp): Working {
  let out = w;
  for (let i = out.kinds.search(kinds); i >= 0; i = out.kinds.search(kinds)) out = removeAt(out, i);
  return out;
}

/**
 * Joins an attribution line ("On … wrote:", "2016-10-24 15:36 GMT+02:00 Foo <\nfoo@bar>:")
 * that a mail client wrapped over two or more lines, so it is recognised as one marker.
 */
function unwrapAttributions(text: string): string {
  let out = text;
  for (const r of ON_DATE_SOMEONE_WROTE) {
    out = out.replace(new RegExp(r.source, `${r.flags}g`), (m) => m.replace(/\n+/g, ' '));
  }
  const lines = out.split('\n');
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (next !== undefined && /:\s*$/.test(next) && !/^\s*$/.test(line) && !/^\s*$/.test(next)) {
      const both = `${line} ${next}`;
      if (classify(line) === 't' && classify(next) !== 'b' && classify(both) === 'b') {
        joined.push(both);
        i++;
        continue;
      }
    }
    joined.push(line);
  }
  return joined.join('\n');
}

/**
 * Other quoting styles become `> `: Supercite's `Name> ` and the `| ` of some web mailers
 * (not a line that also ends in `|`, which is a table row).
 */
function normalizeQuotePrefixes(text: string): string {
  return text
    .replace(/^([\t ]*)[A-Za-z]{1,12}>(?=[\t ]|$)/gm, '$1>')
    .replace(/^([\t ]*)\|(?=[\t ]|$)(?!.*\|[\t ]*$)/gm, '$1>');
}

export function trimReply(body: string | null | undefined): TrimmedReply {
  if (!body || /^\s*$/.test(body)) return { visible: '', elided: '' };

  const text = unwrapAttributions(normalizeQuotePrefixes(body.replace(/\r\n?/g, '\n')));
  const lines = text.split('\n');
  let w: Working = { kinds: classifyLines(lines).join(''), keep: lines.map((_, i) => i) };

  // Everything after the first delimiter line (`--`, `____`, `====`) is signature or history.
  const delimiter = w.kinds.indexOf('d');
  if (delimiter >= 0) w = { kinds: w.kinds.slice(0, delimiter), keep: w.keep.slice(0, delimiter) };

  w = removeAll(w, /s/);

  // The reply sits below the quoted history ("bottom posting" of a whole quote).
  if (/^b+e*q+[eq]*t[te]*$/.test(w.kinds)) {
    const first = w.kinds.indexOf('t');
    w = { kinds: w.kinds.slice(first), keep: w.keep.slice(first) };
  }

  // An embedded-email marker after text, not followed by quotes: keep up to the marker.
  let m = /te*b[^q]*$/.exec(w.kinds);
  if (m) w = cutAfter(w, m.index);

  // An embedded-email marker after text, followed by a quote that a blank line closes (text
  // right under a quote is an inline answer, not a signature): keep up to the marker.
  m = /te*b(?:[eqbh]*e)?[te]*$/.exec(w.kinds);
  if (m) w = cutAfter(w, m.index);

  w = removeAll(w, /b/);

  // Email headers that wrap over several lines.
  m = /h+[hte]+h+e/.exec(w.kinds);
  if (m)
    w = {
      ...w,
      kinds: w.kinds.slice(0, m.index) + 'h'.repeat(m[0].length) + w.kinds.slice(m.index + m[0].length),
    };

  // Three or more header lines after text: an embedded email starts there.
  m = /t[eq]*h{3,}/.exec(w.kinds);
  if (m) w = cutAfter(w, m.index);

  w = removeAll(w, /h/);

  // Trailing quotes go when there is some text of our own.
  m = /[eq]+$/.exec(w.kinds);
  if (w.kinds.includes('t') && m) w = { kinds: w.kinds.slice(0, m.index), keep: w.keep.slice(0, m.index) };

  const kept = new Set(w.keep);
  const visible = w.keep
    .map((i) => lines[i])
    .join('\n')
    .trim();
  const elided = elidedLines(lines, kept).join('\n').trim();
  return { visible, elided };
}

/**
 * The folded part: every line not shown, in order. Lines removed from the middle of the
 * visible text (headers, stray markers) count as folded too, like upstream's compute_elided.
 */
function elidedLines(lines: string[], kept: Set<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) if (!kept.has(i)) out.push(lines[i]);
  return out;
}
