import { describe, expect, it } from '@jest/globals';
import { sanitizeMailHtml } from '../mail-html';

describe('mail HTML shown in the console', () => {
  it('keeps the readable mail: paragraphs, links, tables and text colours', () => {
    const clean = sanitizeMailHtml(
      '<p style="color: red; font-weight: bold">Hello</p><a href="https://shop.test/o/1">order</a><table><tr><td>1</td></tr></table>',
    );
    expect(clean).toContain('<p style="color: red; font-weight: bold">Hello</p>');
    expect(clean).toContain('<a href="https://shop.test/o/1">order</a>');
    expect(clean).toContain('<td>1</td>');
  });

  it('drops style sheets, forms and controls that could restyle or imitate the console', () => {
    const clean = sanitizeMailHtml(
      '<style>body{display:none}</style><form action="https://evil.test"><input name="password"><button>Sign in</button></form><p>text</p>',
    );
    expect(clean).not.toMatch(/<style|<form|<input|<button/);
    expect(clean).toContain('<p>text</p>');
  });

  it('removes positioning and url() from inline styles but keeps plain formatting', () => {
    const clean = sanitizeMailHtml(
      '<div style="position: fixed; top: 0; left: 0; width: 100%; background-color: white; background-image: url(https://t.evil/pixel)">Overlay</div>',
    );
    expect(clean).toBe('<div style="width: 100%; background-color: white">Overlay</div>');
  });

  it('runs no script however it is hidden', () => {
    const clean = sanitizeMailHtml(
      '<img src=x onerror="alert(1)"><a href="jav&#x09;ascript:alert(2)">x</a><svg><script>alert(3)</script></svg><iframe srcdoc="<script>alert(4)</script>"></iframe>',
    );
    expect(clean).not.toMatch(/onerror|javascript|<script|<iframe|srcdoc/i);
  });
});
