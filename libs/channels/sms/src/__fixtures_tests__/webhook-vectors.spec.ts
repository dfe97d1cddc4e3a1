import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyTwilioSignature } from '../twilio-signature.js';

interface TwilioVector {
  source: string;
  authToken: string;
  url: string;
  params?: Record<string, string>;
  body?: string;
  signature: string;
}

// <repo root>/../shared/fixtures unless SWITCHBOARD_FIXTURES names another folder.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixtures = process.env.SWITCHBOARD_FIXTURES ?? resolve(repoRoot, '../shared/fixtures');
const vectors: TwilioVector[] = JSON.parse(
  readFileSync(resolve(fixtures, 'webhook-vectors.json'), 'utf8'),
).twilio;

/** Every single-byte change of a string (each character flipped to a neighbour). */
function oneByteChanges(value: string): string[] {
  return [...value].map(
    (char, i) => value.slice(0, i) + String.fromCharCode(char.charCodeAt(0) ^ 1) + value.slice(i + 1),
  );
}

const check = (v: TwilioVector, over: Partial<TwilioVector>) => {
  const input = { ...v, ...over };
  return verifyTwilioSignature({
    authToken: input.authToken,
    url: input.url,
    signature: input.signature,
    ...(input.body !== undefined ? { rawBody: input.body } : { params: input.params ?? {} }),
  });
};

describe('Twilio signature vectors from outside the project', () => {
  it('has vectors for both the form and the JSON-body variants', () => {
    expect(vectors.some((v) => v.params)).toBe(true);
    expect(vectors.some((v) => v.body !== undefined)).toBe(true);
  });

  describe.each(vectors.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    it('validates with our verifier', () => {
      expect(check(vector, {})).toEqual({ valid: true });
    });

    it('fails when any byte of the URL changes', () => {
      const accepted = oneByteChanges(vector.url).filter((url) => check(vector, { url }).valid);
      expect(accepted).toEqual([]);
    });

    it('fails when any byte of the auth token changes', () => {
      const accepted = oneByteChanges(vector.authToken).filter(
        (authToken) => check(vector, { authToken }).valid,
      );
      expect(accepted).toEqual([]);
    });

    it('fails when any byte of the signature changes', () => {
      const accepted = oneByteChanges(vector.signature).filter(
        (signature) => check(vector, { signature }).valid,
      );
      expect(accepted).toEqual([]);
    });

    if (vector.params) {
      const params = vector.params;
      it('fails when any byte of any parameter name or value changes', () => {
        const accepted: string[] = [];
        for (const [key, value] of Object.entries(params)) {
          for (const changed of oneByteChanges(value)) {
            if (check(vector, { params: { ...params, [key]: changed } }).valid)
              accepted.push(`${key}=${changed}`);
          }
          for (const changedKey of oneByteChanges(key)) {
            const { [key]: _dropped, ...rest } = params;
            if (check(vector, { params: { ...rest, [changedKey]: value } }).valid)
              accepted.push(`${changedKey}=${value}`);
          }
        }
        expect(accepted).toEqual([]);
      });

      it('fails when a parameter is added or removed', () => {
        expect(check(vector, { params: { ...params, Extra: '' } }).valid).toBe(false);
        for (const key of Object.keys(params)) {
          const { [key]: _dropped, ...rest } = params;
          expect(check(vector, { params: rest }).valid).toBe(false);
        }
      });
    }

    if (vector.body !== undefined) {
      const body = vector.body;
      it('fails when any byte of the body changes', () => {
        const accepted = oneByteChanges(body).filter((changed) => check(vector, { body: changed }).valid);
        expect(accepted).toEqual([]);
      });
    }
  });
});
