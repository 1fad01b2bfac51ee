// Texts of the dashboard, in Indonesian and English.
export const id = {
  'dashboard.title': 'Dasbor',
  'dashboard.units': 'Unit dalam cakupan Anda',
  'dashboard.today': 'Hari ini',
  'dashboard.localTime': 'Waktu setempat',
  'dashboard.staff': 'Pengguna aktif',
  'dashboard.recent': 'Aktivitas terakhir',
} as const;

export const en: Record<keyof typeof id, string> = {
  'dashboard.title': 'Dashboard',
  'dashboard.units': 'Units you can see',
  'dashboard.today': 'Today',
  'dashboard.localTime': 'Local time',
  'dashboard.staff': 'Active users',
  'dashboard.recent': 'Recent activity',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
