/**
 * A period cut at every date where something that prices it changes. Segments are half-open
 * [start, end), in order, cover the period exactly, and are never empty.
 */
import { daysBetween } from './civil-date.js';

export interface DaySpan {
  start: string;
  end: string;
  days: number;
}

export function cutPeriod(start: string, end: string, boundaries: readonly string[]): DaySpan[] {
  const inside = [...new Set(boundaries.filter((date) => date > start && date < end))].sort();
  const edges = [start, ...inside, end];
  const spans: DaySpan[] = [];
  for (let index = 0; index + 1 < edges.length; index += 1) {
    const from = edges[index] as string;
    const to = edges[index + 1] as string;
    spans.push({ start: from, end: to, days: daysBetween(from, to) });
  }
  return spans;
}
