/** What a customer's one-word reply asks for, following Twilio's default keyword handling. */
export type OptOutAction = 'opt_out' | 'opt_in' | 'help';

const KEYWORDS: Record<string, OptOutAction> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  OPTOUT: 'opt_out',
  REVOKE: 'opt_out',
  START: 'opt_in',
  YES: 'opt_in',
  UNSTOP: 'opt_in',
  HELP: 'help',
  INFO: 'help',
};

/**
 * Twilio acts on a keyword only when it is the whole message (case and surrounding spaces
 * ignored), so "please stop calling me" is a message for an agent, not an opt-out.
 */
export function classifyOptOutKeyword(body: string | undefined | null): OptOutAction | null {
  if (!body) return null;
  return KEYWORDS[body.trim().toUpperCase()] ?? null;
}
