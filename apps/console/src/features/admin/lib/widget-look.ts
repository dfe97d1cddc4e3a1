import type { FieldValues } from './channel-config';

/** The widget's defaults (libs/channels/chat web-chat-settings.ts), used when a field is empty. */
export const WIDGET_DEFAULTS = {
  primary: '#2f6fed',
  text: '#ffffff',
  title: 'Chat with us',
  greeting: 'Hi! How can we help?',
} as const;

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc` → `#aabbcc`: the colour input only takes six digits; the API accepts both. */
export function sixDigitHex(value: string, fallback: string): string {
  const v = value.trim();
  if (!HEX.test(v)) return fallback;
  return v.length === 4 ? `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}`.toLowerCase() : v.toLowerCase();
}

export interface WidgetLook {
  primary: string;
  text: string;
  title: string;
  greeting: string;
  position: 'left' | 'right';
}

/** How the widget will look with the form's values, as the widget itself reads them. */
export function widgetLook(values: FieldValues): WidgetLook {
  const text = (path: string) => (typeof values[path] === 'string' ? (values[path] as string).trim() : '');
  return {
    primary: sixDigitHex(text('colors.primary'), WIDGET_DEFAULTS.primary),
    text: sixDigitHex(text('colors.text'), WIDGET_DEFAULTS.text),
    title: text('title') || WIDGET_DEFAULTS.title,
    greeting: text('greeting') || WIDGET_DEFAULTS.greeting,
    position: values.position === 'left' ? 'left' : 'right',
  };
}
