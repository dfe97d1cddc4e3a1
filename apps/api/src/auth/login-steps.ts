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

  add(step: Step): void {
    this.steps.push(step);
  }

  async afterPassword(userId: string): Promise<PendingLogin | null> {
    for (const step of this.steps) {
      const pending = await step(userId);
      if (pending) return pending;
    }
    return null;
  }
}
