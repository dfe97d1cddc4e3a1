/**
 * The `<script>` tag that puts a web chat on a site. It is not a secret (any visitor's browser
 * reads it), so the console shows it whenever the admin needs it again. The widget's script is
 * served by the same server as the console.
 */
export function embedSnippet(accountId: string, origin = window.location.origin): string {
  // eslint-disable-next-line i18next/no-literal-string -- markup the admin pastes, not words to translate
  return `<script src="${origin}/widget.js" data-account="${accountId}" async></script>`;
}
