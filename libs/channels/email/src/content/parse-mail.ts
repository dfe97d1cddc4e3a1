import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { withUtf8Headers } from './raw-header-charset.js';

/**
 * Parses raw RFC 822 mail with mailparser in a worker thread: mailparser can keep a thread busy
 * for seconds on pathological mail, and the API's event loop must not notice. A pool of
 * workers (sized by the caller to the cores), each one mail at a time, each bounded by a size limit and a timeout; a worker that times out or
 * crashes is replaced. The result is plain data the watcher can store and hand on.
 */

export interface MailAddress {
  address: string;
  name?: string;
}

export interface ParsedAttachment {
  filename?: string;
  contentType: string;
  size: number;
  /** Without angle brackets; what a `cid:` URL in the HTML names. */
  contentId?: string;
  disposition: 'attachment' | 'inline';
  content: Buffer;
}

/** The headers loop protection and threading look at, lower-cased values kept verbatim. */
export interface AutomationHeaders {
  autoSubmitted?: string;
  precedence?: string;
  listId?: string;
  listUnsubscribe?: string;
  xAutoreply?: string;
  xAutoResponseSuppress?: string;
  returnPath?: string;
  contentType?: { value: string; params: Record<string, string> };
}

/** The machine-readable parts of a DSN (RFC 3464) or ARF (RFC 5965) report, as text. */
export interface ReportParts {
  deliveryStatus?: string;
  feedbackReport?: string;
  /** Headers of the message the report is about (text/rfc822-headers, or the returned message). */
  originalHeaders?: string;
}

/** One node of the MIME tree, for accounting: every leaf is a body or an attachment. */
export interface MimePart {
  contentType: string;
  disposition?: string;
  filename?: string;
  isAttachment: boolean;
}

export interface ParsedMail {
  /** With angle brackets, as in the header; synthetic `<sha256@switchboard.invalid>` when missing. */
  messageId: string;
  messageIdSynthetic: boolean;
  inReplyTo?: string;
  references: string[];
  from?: MailAddress;
  sender?: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Delivered-To / X-Original-To / Envelope-To: where the mail was really delivered. */
  deliveredTo: string[];
  subject?: string;
  date?: Date;
  /** Every Authentication-Results header, verbatim (which server wrote each is checked later). */
  authenticationResults?: string[];
  text?: string;
  html?: string;
  headers: AutomationHeaders;
  attachments: ParsedAttachment[];
  reports: ReportParts;
  parts: MimePart[];
  size: number;
  sha256: string;
}

export type MailParseFailure = 'too_large' | 'timeout' | 'crashed' | 'unparseable';

/** The mail could not be parsed; the caller keeps the raw bytes in quarantine with this reason. */
export class MailParseError extends Error {
  constructor(
    message: string,
    readonly reason: MailParseFailure,
  ) {
    super(message);
    this.name = 'MailParseError';
  }
}

export interface MailParserOptions {
  /** Largest raw mail accepted, in bytes (default 40 MiB). */
  maxBytes?: number;
  /** Longest a single parse may take (default 15 s). */
  timeoutMs?: number;
  /** Heap limit of each worker, so a memory bomb kills the worker, not the process (default 512). */
  maxHeapMb?: number;
  /** Worker threads parsing side by side (default 1); each mail still has one worker to itself. */
  workers?: number;
  /**
   * A worker idle this long is ended (default 30 s): each holds a V8 heap of its own (some
   * 25-30 MB), which a quiet mailbox should not keep.
   */
  idleMs?: number;
}

const DEFAULTS = {
  maxBytes: 40 * 1024 * 1024,
  timeoutMs: 15_000,
  maxHeapMb: 512,
  workers: 1,
  idleMs: 30_000,
};

interface Job {
  id: number;
  raw: Uint8Array;
  resolve: (mail: ParsedMail) => void;
  reject: (err: Error) => void;
}

/** What parse-worker.mjs posts back (structured clone: Buffers arrive as Uint8Arrays). */
interface WorkerMail {
  headers: [string, unknown][];
  text?: string;
  html?: string | false;
  attachments: {
    filename?: string;
    contentType: string;
    contentDisposition?: string;
    contentId?: string;
    cid?: string;
    headers: [string, unknown][];
    content: Uint8Array;
  }[];
  parts: MimePart[];
}

type WorkerReply = { id: number; ok: true; mail: WorkerMail } | { id: number; ok: false; error: string };

/** One worker thread and the mail it is parsing, if any. */
interface Slot {
  worker: Worker;
  ready: boolean;
  current: { job: Job; timer: NodeJS.Timeout | null } | null;
  idle: NodeJS.Timeout | null;
}

export class MailParserPool {
  private readonly options: Required<MailParserOptions>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: MailParserOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  parse(raw: Uint8Array): Promise<ParsedMail> {
    if (this.closed) return Promise.reject(new Error('MailParserPool is closed'));
    if (raw.byteLength > this.options.maxBytes) {
      return Promise.reject(
        new MailParseError(
          `mail is ${raw.byteLength} bytes, over the ${this.options.maxBytes}-byte limit`,
          'too_large',
        ),
      );
    }
    return new Promise<ParsedMail>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, raw, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('MailParserPool closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) if (slot.idle) clearTimeout(slot.idle);
    const workers = slots.map((slot) => slot.worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Hands queued mail to idle workers, starting workers up to the pool's size. */
  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current);
      if (!slot && this.slots.length < this.options.workers) slot = this.startWorker();
      if (!slot) return;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.current = { job: this.queue.shift()!, timer: null };
      slot.worker.ref();
      if (slot.ready) this.startCurrent(slot);
    }
  }

  /**
   * Sends the slot's mail and starts its clock. The timeout bounds parsing only: a fresh
   * worker first loads mailparser, which under load can take longer than a short timeout.
   */
  private startCurrent(slot: Slot): void {
    const current = slot.current;
    if (!current || current.timer) return;
    current.timer = setTimeout(() => {
      this.fail(slot, new MailParseError(`parsing took longer than ${this.options.timeoutMs} ms`, 'timeout'));
    }, this.options.timeoutMs);
    // Raw 8-bit headers are made UTF-8 first; the hash and size stay those of the bytes received.
    // A copy of just this mail's bytes, moved rather than cloned: the raw mail is often a view
    // into a larger buffer (a FETCH response), which posting the view would copy whole.
    const bytes = new Uint8Array(withUtf8Headers(current.job.raw));
    slot.worker.postMessage({ id: current.job.id, raw: bytes }, [bytes.buffer]);
  }

  private startWorker(): Slot {
    const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    const slot: Slot = { worker, ready: false, current: null, idle: null };
    const live = () => this.slots.includes(slot);
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if (!live()) return;
      if ('ready' in reply) {
        slot.ready = true;
        this.startCurrent(slot);
        return;
      }
      this.onReply(slot, reply);
    });
    worker.on('error', (err) => {
      if (live()) this.fail(slot, new MailParseError(`the parser crashed: ${err.message}`, 'crashed'));
    });
    worker.on('exit', (code) => {
      if (live()) this.fail(slot, new MailParseError(`the parser exited with code ${code}`, 'crashed'));
    });
    this.slots.push(slot);
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const current = slot.current;
    if (!current || current.job.id !== reply.id) return;
    if (current.timer) clearTimeout(current.timer);
    slot.current = null;
    // An idle worker must not keep the process alive.
    slot.worker.unref();
    if (reply.ok) {
      try {
        current.job.resolve(toParsedMail(reply.mail, current.job.raw));
      } catch (err) {
        current.job.reject(
          new MailParseError(`unusable parser output: ${(err as Error).message}`, 'unparseable'),
        );
      }
    } else {
      current.job.reject(new MailParseError(`mailparser failed: ${reply.error}`, 'unparseable'));
    }
    this.pump();
    if (!slot.current) {
      slot.idle = setTimeout(() => this.retire(slot), this.options.idleMs);
      slot.idle.unref();
    }
  }

  /** Ends an idle worker; the next mail starts a fresh one. */
  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (slot.current || index < 0) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  /** Fails the slot's mail and drops its worker: its state can no longer be trusted. */
  private fail(slot: Slot, err: MailParseError): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.idle) clearTimeout(slot.idle);
    void slot.worker.terminate();
    const current = slot.current;
    slot.current = null;
    if (current) {
      if (current.timer) clearTimeout(current.timer);
      current.job.reject(err);
    }
    if (!this.closed) this.pump();
  }
}

let shared: MailParserPool | null = null;

/** Parses with a process-wide pool (its worker does not keep the process alive when idle). */
export function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  shared ??= new MailParserPool();
  return shared.parse(raw);
}

// ---- shaping the worker's output -------------------------------------------------------

function toParsedMail(mail: WorkerMail, raw: Uint8Array): ParsedMail {
  const headers = new Map(mail.headers);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const messageIdHeader = str(headers.get('message-id'));
  const messageId = normalizeMessageId(messageIdHeader);
  const attachments = mail.attachments.map(toAttachment);
  const ct = headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;

  return {
    messageId: messageId ?? `<${sha256}@switchboard.invalid>`,
    messageIdSynthetic: !messageId,
    inReplyTo: messageIdList(headers.get('in-reply-to'))[0],
    references: messageIdList(headers.get('references')),
    from: addresses(headers.get('from'))[0],
    sender: addresses(headers.get('sender'))[0],
    to: addresses(headers.get('to')),
    cc: addresses(headers.get('cc')),
    replyTo: addresses(headers.get('reply-to')),
    deliveredTo: ['delivered-to', 'x-original-to', 'envelope-to']
      .flatMap((key) => list(headers.get(key)))
      .map((v) => str(v)?.replace(/^<|>$/g, '').trim().toLowerCase())
      .filter((v): v is string => Boolean(v)),
    subject: str(headers.get('subject')),
    date: toDate(headers.get('date')),
    authenticationResults: list(headers.get('authentication-results'))
      .map((v) => str(v))
      .filter((v): v is string => Boolean(v)),
    text: mail.text || undefined,
    html: mail.html || undefined,
    headers: {
      autoSubmitted: str(headers.get('auto-submitted')),
      precedence: str(headers.get('precedence')),
      listId: str(headers.get('list-id')),
      listUnsubscribe: str(headers.get('list-unsubscribe')),
      xAutoreply: str(headers.get('x-autoreply')),
      xAutoResponseSuppress: str(headers.get('x-auto-response-suppress')),
      returnPath: headerText(headers.get('return-path')),
      contentType: ct?.value
        ? { value: ct.value.toLowerCase(), params: lowerKeys(ct.params ?? {}) }
        : undefined,
    },
    attachments,
    reports: reportParts(attachments),
    parts: mail.parts,
    size: raw.byteLength,
    sha256,
  };
}

function toAttachment(a: WorkerMail['attachments'][number]): ParsedAttachment {
  const content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
  const contentId = (a.cid ?? a.contentId)?.replace(/^<|>$/g, '') || undefined;
  return {
    filename: a.filename || undefined,
    contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
    size: content.byteLength,
    contentId,
    disposition: a.contentDisposition === 'inline' ? 'inline' : 'attachment',
    content,
  };
}

function reportParts(attachments: ParsedAttachment[]): ReportParts {
  const text = (types: string[]) => {
    const part = attachments.find((a) => types.includes(a.contentType));
    return part?.content.toString('utf8');
  };
  const returned =
    text(['text/rfc822-headers', 'message/global-headers']) ?? text(['message/rfc822', 'message/global']);
  return {
    deliveryStatus: text(['message/delivery-status', 'message/global-delivery-status']),
    feedbackReport: text(['message/feedback-report']),
    originalHeaders: returned?.split(/\r?\n\r?\n/, 1)[0],
  };
}

/** A Date from the worker; `instanceof` fails across realms (Jest's VM contexts), so check the tag. */
function toDate(value: unknown): Date | undefined {
  if (Object.prototype.toString.call(value) !== '[object Date]') return undefined;
  const time = (value as Date).getTime();
  return Number.isNaN(time) ? undefined : new Date(time);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim() || undefined;
    if ('value' in value && typeof value.value === 'string') return value.value.trim() || undefined;
  }
  return undefined;
}

/** Like str(), but an empty value stays '' (Return-Path: <> means a bounce). */
function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string')
    return value.text.trim();
  return str(value);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function lowerKeys(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
}

function addresses(value: unknown): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (entry: unknown) => {
    if (!entry || typeof entry !== 'object') return;
    const e = entry as { address?: string; name?: string; group?: unknown[]; value?: unknown[] };
    if (Array.isArray(e.value)) e.value.forEach(visit);
    if (Array.isArray(e.group)) e.group.forEach(visit);
    if (e.address) out.push({ address: e.address.toLowerCase(), ...(e.name ? { name: e.name } : {}) });
  };
  list(value).forEach(visit);
  return out;
}

/** `<a@b>` kept as is; a bare `a@b` (seen in the wild) gets its brackets. */
export function normalizeMessageId(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const bracketed = /<[^<>\s]+>/.exec(v)?.[0];
  if (bracketed) return bracketed;
  return /^[^\s<>]+@[^\s<>]+$/.test(v) ? `<${v}>` : undefined;
}

function messageIdList(value: unknown): string[] {
  const text = list(value)
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
  const ids = text.match(/<[^<>\s]+>/g) ?? [];
  if (ids.length) return ids;
  return text
    .split(/\s+/)
    .map((v) => normalizeMessageId(v))
    .filter((v): v is string => Boolean(v));
}
