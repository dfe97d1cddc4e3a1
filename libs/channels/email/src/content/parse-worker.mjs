// Worker thread for parse-mail.ts: runs mailparser off the main event loop, because
// pathological mail can keep it busy for seconds. Plain JavaScript so that the same file runs
// from src (under Jest) and from dist (the build copies it). It only parses; parse-mail.ts
// shapes the result.
import { parentPort } from 'node:worker_threads';
import { MailParser } from 'mailparser';

const OPTIONS = {
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
  keepDeliveryStatus: true,
};

/** Like mailparser's simpleParser, plus a summary of every MIME node for accounting. */
function parse(raw) {
  return new Promise((resolve, reject) => {
    const parser = new MailParser(OPTIONS);
    const mail = {
      headerLines: [],
      headers: [],
      attachments: [],
      text: undefined,
      html: undefined,
      parts: [],
    };
    let settled = false;
    const settle = (err, value) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(value);
    };

    if (typeof parser.createNode === 'function') {
      const createNode = parser.createNode.bind(parser);
      parser.createNode = (node) => {
        const created = createNode(node);
        mail.parts.push({
          contentType: created.contentType ?? 'text/plain',
          disposition: created.disposition,
          filename: node.filename,
          isAttachment: Boolean(created.isAttachment),
        });
        return created;
      };
    }

    parser.on('error', (err) => settle(err));
    parser.on('headers', (headers) => {
      mail.headers = [...headers.entries()];
      mail.headerLines = parser.headerLines || [];
    });
    let reading = false;
    const reader = () => {
      reading = true;
      const data = parser.read();
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === 'text') {
        mail.text = data.text;
        mail.html = data.html;
        reader();
        return;
      }
      const chunks = [];
      data.content.on('data', (chunk) => chunks.push(chunk));
      data.content.on('end', () => {
        mail.attachments.push({
          filename: data.filename,
          contentType: data.contentType,
          contentDisposition: data.contentDisposition,
          contentId: data.contentId,
          cid: data.cid,
          related: data.related,
          headers: [...data.headers.entries()],
          // Its own buffer, moved to the main thread rather than cloned with a shared pool.
          content: new Uint8Array(Buffer.concat(chunks)),
        });
        data.release();
        reader();
      });
    };
    parser.on('readable', () => {
      if (!reading) reader();
    });
    parser.on('end', () => settle(null, mail));
    parser.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  });
}

parentPort.on('message', async ({ id, raw }) => {
  try {
    const mail = await parse(raw);
    parentPort.postMessage(
      { id, ok: true, mail },
      mail.attachments.map((a) => a.content.buffer),
    );
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});

// mailparser is loaded: the pool starts each mail's timeout only from here on.
parentPort.postMessage({ ready: true });
