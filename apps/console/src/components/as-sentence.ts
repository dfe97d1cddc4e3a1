/**
 * An API message as a sentence for people. The API answers "field: reason" in lower case for
 * developers ("id: you cannot disable your own account"); people read "You cannot disable your
 * own account." The field name is dropped: the message sits beside the field or action it is about.
 */
export function asSentence(message: string): string {
  const text = message.trim().replace(/^[A-Za-z][\w.[\]]*: (?=\S)/, '');
  if (!text) return text;
  const capital = text[0].toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
