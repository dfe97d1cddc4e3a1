import DOMPurify from 'dompurify';

/**
 * The console's last line of defence for message HTML. The API sanitizes mail when it is
 * stored; this guards against whatever an older or hand-edited row holds. Beyond DOMPurify's
 * script-safe defaults it drops what would let a mail restyle or overlay the console: <style>
 * sheets, forms and their controls, and inline styles other than plain text formatting.
 */
const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'link',
  'meta',
  'base',
];
const SAFE_STYLE_PROPERTIES = new Set([
  'color',
  'background-color',
  'text-align',
  'font-weight',
  'font-style',
  'text-decoration',
  'font-size',
  'width',
  'height',
  'vertical-align',
  'padding',
  'white-space',
]);

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof HTMLElement) || !node.hasAttribute('style')) return;
  const kept: string[] = [];
  for (const property of Array.from(node.style)) {
    const value = node.style.getPropertyValue(property);
    // url() can fetch trackers or smuggle schemes; everything outside the list can move or cover the console.
    if (SAFE_STYLE_PROPERTIES.has(property) && !/url\s*\(|expression\s*\(/i.test(value))
      kept.push(`${property}: ${value}`);
  }
  if (kept.length) node.setAttribute('style', kept.join('; '));
  else node.removeAttribute('style');
});

export function sanitizeMailHtml(html: string): string {
  return purifier.sanitize(html, { FORBID_TAGS, USE_PROFILES: { html: true } });
}
