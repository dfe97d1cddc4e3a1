/** A piece of a search snippet: text to show, marked where the search matched. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/**
 * The API's snippet (escaped text with `<mark>` around matches) as text pieces, so the console
 * renders them as React text and `<mark>` elements and never sets HTML from a message.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  return snippet
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((piece) => {
      const marked = piece.startsWith('<mark>') && piece.endsWith('</mark>');
      const inner = marked ? piece.slice('<mark>'.length, -'</mark>'.length) : piece;
      return { text: inner.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]), marked };
    });
}
