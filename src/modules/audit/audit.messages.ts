// Texts of the audit log, in Indonesian and English.
export const id = {
  'audit.title': 'Log audit',
  'audit.at': 'Waktu',
  'audit.actor': 'Pelaku',
  'audit.action': 'Tindakan',
  'audit.entity': 'Data',
  'audit.unit': 'Unit',
  'audit.changes': 'Perubahan',
  'audit.from': 'Dari tanggal',
  'audit.to': 'Sampai tanggal',
  'audit.before': 'Sebelum',
  'audit.after': 'Sesudah',
  'audit.redacted': '(disembunyikan: data pribadi)',
  'audit.erased': '(dihapus: masa retensi berakhir)',
  'audit.count': 'Jumlah',
  'audit.total': 'Total',
  'audit.countsIntro':
    'Kantor wilayah dan pusat melihat jumlah tindakan per unit, bukan isi catatan: catatan unit memuat data pribadi warga binaan. Tanpa tanggal, 30 hari terakhir.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'By',
  'audit.action': 'Action',
  'audit.entity': 'Record',
  'audit.unit': 'Unit',
  'audit.changes': 'Changes',
  'audit.from': 'From date',
  'audit.to': 'To date',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.redacted': '(hidden: personal data)',
  'audit.erased': '(erased: retention period ended)',
  'audit.count': 'Count',
  'audit.total': 'Total',
  'audit.countsIntro':
    "Regional and national offices see how many actions each unit recorded, not the records: a unit's records hold inmates' personal data. Without dates, the last 30 days.",
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
