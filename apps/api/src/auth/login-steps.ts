import { Injectable } from '@nestjs/common';

/** What a login answers instead of a session when a second step is due (a code, or enrolling one). */
export type PendingLogin =
  { twoFactorRequired: true; challenge: string } | { twoFactorSetupRequired: true; challenge: string };

type Step = (userId: string) => Promise<PendingLogin | null>;

/**
 * Steps between a right password and a session, registered by the modules that own them (the
 * second factor), so the login route stays here and does not depend on those modules.
 */
@Injectable()
export class LoginSteps {
  private readonly steps: Step[] = [];

  /** `first`: a step that may refuse the login outright runs before steps that start a challenge. */
  add(step: Step, opts: { first?: boolean } = {}): void {
    if (opts.first) this.steps.unshift(step);
    else this.steps.push(step);
  }

  async afterPassword(userId: string): Promise<PendingLogin | null> {
    for (const step of this.steps) {
      const pending = await step(userId);
      if (pending) return pending;
    }
    return null;
  }
}
