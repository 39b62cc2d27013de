import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('formatDate', () => {
  it('writes dates the Japanese way with the weekday', () => {
    expect(formatDate('2026-11-26', 'ja')).toBe('2026年11月26日(木)');
    expect(formatDate('2027-01-03', 'ja')).toBe('2027年1月3日(日)');
  });

  it('writes dates in English', () => {
    expect(formatDate('2026-11-26', 'en')).toBe('Thu, Nov 26, 2026');
  });

  it('leaves an unparseable value as it came', () => {
    expect(formatDate('someday', 'ja')).toBe('someday');
  });
});

describe('formatDateTime', () => {
  it('adds hours and minutes in local time', () => {
    const local = new Date(2026, 10, 26, 9, 5).toISOString();
    expect(formatDateTime(local, 'ja')).toBe('2026年11月26日(木) 09:05');
  });
});
