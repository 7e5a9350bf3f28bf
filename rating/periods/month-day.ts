/** 'MM-DD' month-days (a tier year's start), excluding 02-29 so that every year has one. */
const MONTH_DAY_TEXT = /^(\d{2})-(\d{2})$/;

export interface MonthDay {
  month: number;
  day: number;
}

export function parseMonthDay(text: string): MonthDay | null {
  const match = MONTH_DAY_TEXT.exec(text);
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth) return null;
  return { month, day };
}
