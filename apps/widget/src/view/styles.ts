/**
 * All widget styles, inside the shadow root. `:host { all: initial }` cuts inheritance from the
 * host page; explicit `display` on every element we use keeps a host rule such as
 * `* { display: none }` (which does not cross the shadow boundary anyway) from mattering.
 * Colours are custom properties with a second set for a visitor whose system is set to dark; the
 * admin's main colour (--p, --t) stays as chosen in both.
 */
// eslint-disable-next-line i18next/no-literal-string -- style rules, no words
export const css = `
:host{all:initial;position:fixed!important;bottom:20px!important;z-index:2147483000!important;display:block!important;visibility:visible!important;opacity:1!important;transform:none!important;width:auto!important;height:auto!important;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important;color:var(--sbw-text)!important;text-align:left!important;letter-spacing:normal!important;text-transform:none!important;direction:ltr!important;cursor:auto!important}
:host([data-position=right]){right:20px!important;left:auto!important}:host([data-position=left]){left:20px!important;right:auto!important}
:host{--sbw-text:#1d2330;--sbw-text-2:#343b48;--sbw-muted:#5b6270;--sbw-bg:#f6f7f9;--sbw-surface:#fff;--sbw-line:#e3e6ea;--sbw-input-line:#c9ced6;--sbw-avatar:#d9dee6;--sbw-link:#2f6fed;--sbw-danger:#c62a2f}
@media (prefers-color-scheme:dark){:host{--sbw-text:#e6edf3;--sbw-text-2:#c9d1d9;--sbw-muted:#a3acb7;--sbw-bg:#0d1117;--sbw-surface:#161b22;--sbw-line:#30363d;--sbw-input-line:#545d68;--sbw-avatar:#30363d;--sbw-link:#79b8ff;--sbw-danger:#ff8a80}}
*{box-sizing:border-box;font:inherit;margin:0;padding:0}
div,form,section,header,footer,p,ul,li,span,label{display:block}
span,a,img,b{display:inline}
svg{display:inline-block;width:1.15em;height:1.15em;fill:currentColor;vertical-align:-0.2em;flex:none}
button,input,textarea{display:inline-block;color:inherit;background:none;border:0;outline-offset:2px}
button{cursor:pointer}
.launcher{display:flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;background:var(--p);color:var(--t);box-shadow:0 4px 14px rgba(0,0,0,.25);position:relative;margin-left:auto}
.launcher svg{width:26px;height:26px;fill:currentColor;display:block}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e5484d;color:#fff;font-size:12px;line-height:20px;text-align:center;font-weight:600}
.panel{display:flex;flex-direction:column;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 100px);background:var(--sbw-surface);border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);overflow:hidden;margin-bottom:12px}
.panel[hidden]{display:none}
.head{display:flex;align-items:center;justify-content:space-between;padding:14px 16px;background:var(--p);color:var(--t)}
.head b{font-weight:600;font-size:16px}
.head .sub{font-size:12px;display:block}
.close{display:inline-flex;align-items:center;justify-content:center;color:var(--t);min-width:44px;min-height:44px;margin:-10px -12px -10px 0}
.close svg{width:22px;height:22px}
.log{display:block;flex:1;min-height:0;overflow-y:auto;background:var(--sbw-bg)}
.transcript{display:block;padding:12px}
.form-slot{display:block}
.msg{display:block;max-width:80%;margin:6px 0;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere}
.msg.in{margin-left:auto;background:var(--p);color:var(--t);border-bottom-right-radius:4px}
.msg.out{margin-right:auto;background:var(--sbw-surface);border:1px solid var(--sbw-line);border-bottom-left-radius:4px}
.msg.sys{margin:6px auto;background:none;color:var(--sbw-muted);font-size:13px;text-align:center;max-width:100%}
.msg a{color:inherit;text-decoration:underline}
.who{display:flex;align-items:center;gap:6px;font-size:12px;color:var(--sbw-muted);margin:8px 0 0}
.avatar{display:inline-flex;align-items:center;justify-content:center;width:22px;height:22px;border-radius:50%;background:var(--sbw-avatar);color:var(--sbw-text);font-size:11px;font-weight:600}
.meta{display:block;font-size:11px;opacity:.75;margin-top:3px;text-align:right}
.in>.meta{opacity:1}
.failed{color:var(--sbw-danger)}
.file{display:block;margin-top:4px}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.choice{font:inherit;font-size:13px;padding:4px 10px;border-radius:14px;border:1px solid var(--p);background:var(--sbw-surface);color:inherit;cursor:pointer}
.file img{display:block;max-width:100%;max-height:180px;border-radius:8px}
.typing{display:block;min-height:20px;padding:0 14px;font-size:12px;color:var(--sbw-muted);background:var(--sbw-bg)}
.form{display:block;padding:12px;border-top:1px solid var(--sbw-line);background:var(--sbw-surface)}
.form p{margin-bottom:8px;color:var(--sbw-text-2)}
.form input,.form textarea{display:block;width:100%;border:1px solid var(--sbw-input-line);border-radius:8px;padding:8px 10px;margin-bottom:8px;background:var(--sbw-surface);font-size:16px}
.btn{display:inline-block;padding:8px 14px;border-radius:8px;background:var(--p);color:var(--t);font-weight:600}
.link{display:inline;color:var(--sbw-link);text-decoration:underline;padding:0}
.stars{display:flex;gap:6px;margin-bottom:8px}
.stars button{display:inline-block;width:40px;height:36px;border:1px solid var(--sbw-input-line);border-radius:8px;font-weight:600}
.stars button[aria-pressed=true]{background:var(--p);color:var(--t);border-color:var(--p)}
.composer{display:flex;align-items:flex-end;gap:6px;padding:10px;border-top:1px solid var(--sbw-line);background:var(--sbw-surface)}
.composer textarea{display:block;flex:1;resize:none;height:44px;max-height:120px;border:1px solid var(--sbw-input-line);border-radius:10px;padding:10px;background:var(--sbw-surface);font-size:16px;line-height:22px}
.composer .attach{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;color:var(--sbw-muted);border-radius:10px}
.composer .attach svg{width:22px;height:22px}
.composer .send{display:inline-block;min-height:44px;padding:9px 14px;border-radius:10px;background:var(--p);color:var(--t);font-weight:600}
.composer textarea::placeholder{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.pending-files{display:block;padding:0 12px;font-size:12px;color:var(--sbw-muted);background:var(--sbw-surface)}
.pending-file{display:inline-flex;align-items:center;gap:4px;margin-right:10px}
.file svg{margin-right:4px}
.hidden{display:none!important}
.suggestions{padding:8px 12px;border-top:1px solid #e3e6eb;font-size:13px;max-height:40%;overflow:auto}
.suggestions[hidden]{display:none}
.suggestions-intro{margin:0 0 4px;color:#5b6475}
.suggestions ul{margin:0;padding-left:18px}
.suggestions a{color:var(--p)}
@media (max-width:480px){
:host([data-open]){top:0!important;left:0!important;right:0!important;bottom:0!important;width:100%!important;height:100%!important}
:host([data-open]) .panel{position:fixed;top:0;left:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0;margin:0}
:host([data-open]) .launcher{display:none}
}
`;
