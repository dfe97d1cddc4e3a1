import argon2 from 'argon2';
import { randomInt } from 'node:crypto';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password an admin hands over once: 18 characters (about 100 bits) without look-alikes such as l/1 and O/0. */
export function generatePassword(): string {
  return Array.from({ length: 18 }, () => READABLE[randomInt(READABLE.length)]).join('');
}
