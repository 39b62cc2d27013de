/**
 * Vitest set-up for component tests under jsdom: the browser APIs Mantine expects, jest-dom matchers,
 * and a clean slate (DOM, IPC mocks, toasts, language) after every test.
 */
import '@testing-library/jest-dom/vitest';
import { cleanNotifications } from '@mantine/notifications';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import i18n from '../i18n';

const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView = () => {};

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom lays nothing out, so recharts' ResponsiveContainer measures 0×0 and warns about it on every
// chart. The tables beside each chart carry the figures under test; only that one warning is dropped.
const { warn } = console;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('The width(0) and height(0) of chart')) return;
  warn(...args);
};

afterEach(async () => {
  cleanup();
  clearMocks();
  cleanNotifications();
  window.localStorage.clear();
  await i18n.changeLanguage('ja');
});
