// Today's date as an Indonesian office writes it, worked out here without Intl so the test does not
// reuse the code under test: "Minggu, 29 November 2026".
const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Hours ahead of UTC; Indonesia keeps no daylight saving. */
export const WIB = 7;

function inZone(at: Date, offsetHours: number): Date {
  return new Date(at.getTime() + offsetHours * 3_600_000);
}

/** "Minggu, 29 November 2026" for the day the instant falls on, UTC+offset. */
export function indonesianDate(at: Date, offsetHours = WIB): string {
  const d = inZone(at, offsetHours);
  return `${HARI[d.getUTCDay()]}, ${d.getUTCDate()} ${BULAN[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function indonesianWeekday(at: Date, offsetHours = WIB): string {
  return HARI[inZone(at, offsetHours).getUTCDay()] ?? '';
}

export function englishWeekday(at: Date, offsetHours = WIB): string {
  return DAYS_EN[inZone(at, offsetHours).getUTCDay()] ?? '';
}
