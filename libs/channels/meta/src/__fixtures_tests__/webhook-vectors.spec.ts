import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyMetaSignature } from '../meta-signature.js';

interface HubVector {
  source: string;
  secret: string;
  body: string;
  header: string;
}

// <repo root>/../shared/fixtures unless SWITCHBOARD_FIXTURES names another folder.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixtures = process.env.SWITCHBOARD_FIXTURES ?? resolve(repoRoot, '../shared/fixtures');
const vectors: HubVector[] = JSON.parse(
  readFileSync(resolve(fixtures, 'webhook-vectors.json'), 'utf8'),
).hubSignature256;

function oneByteChanges(value: string): string[] {
  return [...value].map(
    (char, i) => value.slice(0, i) + String.fromCharCode(char.charCodeAt(0) ^ 1) + value.slice(i + 1),
  );
}

describe('X-Hub-Signature-256 vectors from outside the project', () => {
  it('has at least one vector', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  describe.each(vectors.map((v) => [v.source, v] as const))('%s', (_source, v) => {
    it('validates with our verifier', () => {
      expect(verifyMetaSignature(Buffer.from(v.body), v.header, v.secret)).toEqual({ valid: true });
    });

    it('fails when any byte of the body changes', () => {
      expect(
        oneByteChanges(v.body).filter(
          (body) => verifyMetaSignature(Buffer.from(body), v.header, v.secret).valid,
        ),
      ).toEqual([]);
    });

    it('fails when any byte of the secret changes', () => {
      expect(
        oneByteChanges(v.secret).filter(
          (secret) => verifyMetaSignature(Buffer.from(v.body), v.header, secret).valid,
        ),
      ).toEqual([]);
    });

    it('fails when any byte of the signature header changes', () => {
      // Hex is case-insensitive, so an upper-case digit is the same signature, not a change.
      const changed = oneByteChanges(v.header).filter((h) => h.toLowerCase() !== v.header.toLowerCase());
      expect(
        changed.filter((header) => verifyMetaSignature(Buffer.from(v.body), header, v.secret).valid),
      ).toEqual([]);
    });
  });
});
