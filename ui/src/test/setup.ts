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

afterEach(async () => {
  cleanup();
  clearMocks();
  cleanNotifications();
  window.localStorage.clear();
  await i18n.changeLanguage('ja');
});
