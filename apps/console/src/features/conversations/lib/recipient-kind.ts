/** The kind of address a channel account writes to: a phone number for SMS and WhatsApp, else its own kind. */
export function identityKindOf(accountKind: string): string {
  if (accountKind === 'twilio_sms' || accountKind === 'twilio_whatsapp') return 'phone';
  return accountKind;
}

/** "a@x.test, b@y.test; c@z.test" → the addresses, without blanks. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}
