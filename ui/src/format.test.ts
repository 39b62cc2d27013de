import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatMonthDay,
  formatTime,
  formatYearlyDay,
  formatYen,
  shiftMonth,
} from './format';

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

describe('formatMonthDay and formatMonth', () => {
  it('writes a timeline day and a month heading', () => {
    expect(formatMonthDay('2026-11-06', 'ja')).toBe('11月6日(金)');
    expect(formatMonthDay('2026-11-06', 'en')).toBe('Fri, Nov 6');
    expect(formatMonth('2026-11', 'ja')).toBe('2026年11月');
    expect(formatMonth('2026-11-01', 'en')).toBe('November 2026');
  });
});

describe('shiftMonth', () => {
  it('steps across the turn of the year both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-11', 0)).toBe('2026-11');
  });
});

describe('formatYen, formatTime and formatYearlyDay', () => {
  it('writes yen with separators and 円', () => {
    expect(formatYen(250, 'ja')).toBe('250円');
    expect(formatYen(1234567, 'ja')).toBe('1,234,567円');
    expect(formatYen(0, 'ja')).toBe('0円');
    expect(formatYen(-1250, 'ja')).toBe('−1,250円');
    expect(formatYen(1250, 'en')).toBe('¥1,250');
  });

  it('writes times and yearly days the way notices do', () => {
    expect(formatTime('06:30')).toBe('6:30');
    expect(formatTime('23:00')).toBe('23:00');
    expect(formatYearlyDay('12-29', 'ja')).toBe('12月29日');
    expect(formatYearlyDay('01-03', 'en')).toBe('Jan 3');
  });
});
