import { describe, expect, it } from '@jest/globals';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';

const clean = (html: string) => sanitizeEmailHtml(html).html;

describe('sanitizeEmailHtml: nothing in a mail can run script in the console', () => {
  it.each([
    ['<script>', '<p>hi</p><script>alert(1)</script>', /script|alert/i],
    ['an onerror handler', '<img src="x" onerror="alert(1)">', /onerror|alert/i],
    ['an onclick on a link', '<a href="https://a.example" onclick="alert(1)">a</a>', /onclick|alert/i],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', /javascript|alert/i],
    ['an obfuscated javascript: link', '<a href="jav&#x09;ascript:alert(1)">x</a>', /ascript|alert/i],
    [
      'an upper-case, entity-encoded javascript: link',
      '<a href="&#74;AVASCRIPT&#58;alert(1)">x</a>',
      /ascript|alert/i,
    ],
    [
      'a data:text/html link',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      /data:|alert/i,
    ],
    [
      'SVG with script',
      '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>ok',
      /svg|script|alert/i,
    ],
    [
      'a <style> block',
      '<style>body{background:url(javascript:alert(1))}</style><p>x</p>',
      /style|alert|url\(/i,
    ],
    [
      'a CSS expression in style',
      '<p style="width: expression(alert(1)); color: red">x</p>',
      /expression|alert/i,
    ],
    [
      'a url() in style',
      '<div style="background-image: url(https://track.example/p.gif)">x</div>',
      /url\(|track/i,
    ],
    ['<base>', '<base href="https://evil.example/"><a href="/x">x</a>', /<base|evil/i],
    ['<meta refresh>', '<meta http-equiv="refresh" content="0;url=https://evil.example">x', /<meta|evil/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>x', /iframe|evil/i],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">x', /object|embed|swf/i],
    [
      'a form',
      '<form action="https://evil.example"><input name="p"><button>go</button></form>',
      /<form|<input|evil/i,
    ],
    ['a data:text/html image', '<img src="data:text/html;base64,PHNjcmlwdD4=">', /data:text/i],
    ['a protocol-relative link', '<a href="//evil.example/x">x</a>', /evil/i],
  ])('removes %s', (_name, html, forbidden) => {
    expect(clean(html)).not.toMatch(forbidden);
  });

  it('keeps formatting, tables and safe links, opening links in a new tab without referrer', () => {
    const out = clean(
      '<h1>Hi</h1><p><b>bold</b> <i>it</i> <u>u</u></p><table border="1"><tr><td colspan="2">cell</td></tr></table><a href="https://example.com/x">x</a> <a href="mailto:a@b.example">mail</a>',
    );
    expect(out).toContain('<h1>Hi</h1>');
    expect(out).toContain('<b>bold</b>');
    expect(out).toContain('<td colspan="2">cell</td>');
    expect(out).toContain(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
    expect(out).toContain('href="mailto:a@b.example"');
  });

  it('keeps a small set of plain inline styles', () => {
    expect(clean('<p style="color: red; text-align: center; position: fixed">x</p>')).toBe(
      '<p style="color:red;text-align:center">x</p>',
    );
  });

  it('rewrites cid: images to the stored attachment and records them as inline', () => {
    const result = sanitizeEmailHtml('<img src="cid:logo@x" alt="logo"><img src="cid:gone@x">', {
      resolveCid: (cid) => (cid === 'logo@x' ? '/api/attachments/abc' : undefined),
    });
    expect(result.html).toBe('<img alt="logo" src="/api/attachments/abc" /><img />');
    expect(result.inlineContentIds).toEqual(['logo@x', 'gone@x']);
  });

  it('blocks remote images by default and counts them; allows https ones on request', () => {
    const html = '<img src="https://track.example/p.gif"><img src="http://track.example/q.gif">';
    const blocked = sanitizeEmailHtml(html);
    expect(blocked.html).not.toContain('track.example');
    expect(blocked.blockedRemoteImages).toBe(2);
    const shown = sanitizeEmailHtml(html, { allowRemoteImages: true });
    expect(shown.html).toContain('https://track.example/p.gif');
    expect(shown.html).not.toContain('http://track.example/q.gif');
  });

  it('keeps inline raster data: images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(clean(`<img src="${png}">`)).toContain(png);
    expect(clean('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).not.toContain('svg');
  });
});
