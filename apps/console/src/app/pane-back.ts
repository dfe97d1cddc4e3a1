/**
 * "Back" on a phone pane: the browser's own back when the previous history entry is the parent
 * pane (so back and the button agree and no entries pile up), else a replace to the parent, for
 * a ticket opened from a link or a notification.
 */
let previousHash: string | null = null;

if (typeof window !== 'undefined')
  window.addEventListener('hashchange', (event) => {
    previousHash = new URL(event.oldURL).hash;
  });

const normal = (hash: string) => (hash === '' || hash === '#' ? '#/' : hash);

export function backTo(parentHash: string): void {
  if (previousHash !== null && normal(previousHash) === normal(parentHash)) window.history.back();
  else window.location.replace(parentHash);
}
