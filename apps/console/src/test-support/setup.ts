import { afterEach } from '@jest/globals';
import { cleanup } from '@testing-library/react';

// jsdom lays nothing out; the virtual list measures its scroll element, so give it a laptop height.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
// Scrolling without layout: remember the offset and tell listeners later, as a browser would.
Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
  const top = typeof options === 'number' ? options : options?.top;
  if (typeof top !== 'number') return;
  Object.defineProperty(this, 'scrollTop', { configurable: true, value: top });
  // Browsers fire scroll events asynchronously, never inside the caller's frame.
  setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
} as Element['scrollTo'];

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});
