import { generate, generateSecret, generateURI, verify } from 'otplib';

/** Issuer shown in authenticator apps next to the account's email. */
const ISSUER = 'Switchboard';

/** One step either side of now: a phone clock a little off still works, a code from minutes ago does not. */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUrl(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/**
 * The time step a code belongs to when it is right for this secret and newer than `afterStep`
 * (the step of the last code accepted), or null: a code is good once, whatever its window.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

/** The current code, for tests and tools that play the authenticator app. */
export function currentCode(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}
