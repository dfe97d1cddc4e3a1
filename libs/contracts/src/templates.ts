/**
 * Message templates shared by the API and the console, so the text an agent previews is the text
 * the customer gets. `{{name}}` is a value; `{{#name}}…{{/name}}` is kept only when the value is
 * not empty. Unknown variables stay visible, so whoever edits the text notices them.
 */
export type TemplateValues = Record<string, string | null | undefined>;

export function renderTemplate(template: string, values: TemplateValues): string {
  const value = (name: string) => values[name.toLowerCase()];
  const withSections = template.replace(
    /\{\{#\s*([a-z_.]+)\s*\}\}([\s\S]*?)\{\{\/\s*\1\s*\}\}/gi,
    (_, name: string, inner: string) => (value(name) ? inner : ''),
  );
  return withSections.replace(/\{\{\s*([a-z_.]+)\s*\}\}/gi, (match, name: string) => value(name) ?? match);
}

/** What the customer is told when a ticket goes on hold, until an admin changes it. */
export const DEFAULT_HOLD_TEMPLATE =
  "Hi {{contact.first_name}}, your request #{{ticket.number}} is on hold while we work on it.{{#hold.until}} We expect to get back to you by {{hold.until}}.{{/hold.until}} You don't need to write again: we'll update you here.";

export interface HoldTemplateContext {
  ticket: { number: number };
  contact: { name: string | null };
  /** ISO time, or null for a hold without an end. */
  until: string | null | undefined;
}

export function holdTemplateValues(context: HoldTemplateContext): TemplateValues {
  return {
    'ticket.number': String(context.ticket.number),
    'contact.first_name': context.contact.name?.trim().split(/\s+/)[0] || 'there',
    'hold.until': context.until ? new Date(context.until).toUTCString() : '',
  };
}

export function renderHoldMessage(template: string, context: HoldTemplateContext): string {
  return renderTemplate(template, holdTemplateValues(context));
}
