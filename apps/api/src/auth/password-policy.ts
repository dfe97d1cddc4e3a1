import languageCommon from '@zxcvbn-ts/language-common';
import { invalid } from '@switchboard/domain';

/** Shortest password accepted, and what must be left once the personal parts are taken out. */
export const MIN_PASSWORD_LENGTH = 10;

/** Whose password it is: what a guesser tries first. */
export interface PasswordOwner {
  email: string;
  name?: string | null;
  /** Set on a change: the password being replaced, already verified. */
  currentPassword?: string;
}

let commonPasswords: Set<string> | null = null;

/** The leaked-password list zxcvbn-ts maintains (about 50,000 entries), loaded on first use. */
function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(languageCommon.dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(candidate);
}

/** The email, its local part and the pieces of both, and the name and its words: longest first. */
function personalParts(owner: PasswordOwner): { email: string[]; name: string[] } {
  const email = owner.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const name = (owner.name ?? '').trim().toLowerCase();
  const byLength = (parts: string[]) =>
    [...new Set(parts.filter((p) => p.length >= 3))].sort((a, b) => b.length - a.length);
  return {
    email: byLength([email, local, ...local.split(/[^a-z0-9]+/)]),
    name: byLength([name, name.replace(/[^a-z0-9]+/g, ''), ...name.split(/[^a-z0-9]+/)]),
  };
}

/** What is left of the password once every personal part is taken out, or null when none is in it. */
function withoutParts(password: string, parts: string[]): string | null {
  let rest = password;
  for (const part of parts) rest = rest.split(part).join('');
  return rest === password ? null : rest;
}

/** `abcabcabc`, `aaaaaaaa`, `ababab12ab`: a short unit over and over, or hardly any different characters. */
function isRepetitive(password: string): boolean {
  return /^(.+?)\1+$/su.test(password) || new Set(password).size < 4;
}

/** `abcdefghij`, `9876543210`: each character one step from the last. */
function isSequence(password: string): boolean {
  const codes = Array.from(password, (c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

/**
 * Why a password would be easy to guess for this person, or null when it is acceptable. The rules
 * follow what guessers try first: the person's own email and name, the password just replaced,
 * leaked lists (also with digits or symbols tacked on), and keyboard repetition.
 */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (owner.currentPassword !== undefined && password === owner.currentPassword)
    return 'must differ from the current password';
  const lower = password.toLowerCase();
  const parts = personalParts(owner);
  const afterEmail = withoutParts(lower, parts.email);
  if (afterEmail !== null && afterEmail.length < MIN_PASSWORD_LENGTH)
    return 'must not be built from the email address';
  const afterName = withoutParts(lower, parts.name);
  if (afterName !== null && afterName.length < MIN_PASSWORD_LENGTH)
    return "must not be built from the user's name";
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (isCommon(lower) || (core.length > 0 && isCommon(core)))
    return 'is a common password that attackers try first; choose another';
  if (isRepetitive(lower)) return 'is too repetitive (a character or block repeated); choose another';
  if (isSequence(lower)) return 'is a simple sequence; choose another';
  return null;
}

/** Throws a 400 naming the body field when the password would be easy to guess. */
export function assertStrongPassword(field: string, password: string, owner: PasswordOwner): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw invalid(`${field}: ${problem}`);
}
