/** Browser notifications for mentions and transfers, only where the agent allowed them. */
export function notify(title: string, body: string, onClick?: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus())
    return;
  const notification = new Notification(title, { body, tag: title });
  if (onClick)
    notification.onclick = () => {
      window.focus();
      onClick();
    };
}

export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default')
    void Notification.requestPermission();
}
