// Texts of the holiday calendar, in Indonesian and English.
export const id = {
  'nav.holidays': 'Hari libur',
  'holidays.title': 'Kalender hari libur',
  'holidays.intro':
    'Hari libur nasional dan cuti bersama berlaku untuk semua unit; unit dapat menambah hari libur setempat. Sesi program pada hari libur dilewati.',
  'holidays.year': 'Tahun',
  'holidays.day': 'Tanggal',
  'holidays.name': 'Keterangan',
  'holidays.kind': 'Jenis',
  'holidays.scope': 'Berlaku untuk',
  'holidays.national': 'Nasional',
  'holidays.nationalHint': 'Centang untuk hari libur nasional (hanya administrator pusat).',
  'holidays.add': 'Tambah hari libur',
  'holidays.remove': 'Hapus',
  'holidays.added': 'Hari libur ditambahkan.',
  'holidays.removed': 'Hari libur dihapus.',
  'holidays.dayTaken': 'Tanggal ini sudah tercatat sebagai hari libur.',
  'holidays.nationalOnlyAdmin':
    'Hanya administrator pusat yang dapat mengubah hari libur nasional dan cuti bersama; administrator unit mengelola hari libur lokal unitnya.',
  'holidays.localNeedsUnit': 'Hari libur setempat harus milik satu unit.',
  'holidays.localKind': 'Hari libur setempat memakai jenis "Libur setempat".',
  'holidays.cancelsSessions':
    'Menambah hari libur membatalkan sesi terjadwal pada tanggal itu (hari ini atau setelahnya) dengan alasan "Hari libur: …". Menghapus hari libur tidak mengembalikan sesi yang sudah dibatalkan; tambahkan sesi tambahan bila perlu.',
  'holidayKind.national': 'Libur nasional',
  'holidayKind.cuti_bersama': 'Cuti bersama',
  'holidayKind.local': 'Libur setempat',
} as const;

export const en: Record<keyof typeof id, string> = {
  'nav.holidays': 'Holidays',
  'holidays.title': 'Holiday calendar',
  'holidays.intro':
    'National holidays and collective leave days apply to every unit; a unit may add its own local holidays. Programme sessions on a holiday are skipped.',
  'holidays.year': 'Year',
  'holidays.day': 'Date',
  'holidays.name': 'Name',
  'holidays.kind': 'Kind',
  'holidays.scope': 'Applies to',
  'holidays.national': 'National',
  'holidays.nationalHint': 'Tick for a national holiday (national administrators only).',
  'holidays.add': 'Add holiday',
  'holidays.remove': 'Remove',
  'holidays.added': 'Holiday added.',
  'holidays.removed': 'Holiday removed.',
  'holidays.dayTaken': 'This date is already recorded as a holiday.',
  'holidays.nationalOnlyAdmin':
    "Only a national administrator can change national holidays and cuti bersama; a unit's staff manage its local holidays.",
  'holidays.localNeedsUnit': 'A local holiday must belong to one unit.',
  'holidays.localKind': 'A local holiday uses the kind "Local holiday".',
  'holidays.cancelsSessions':
    'Adding a holiday cancels the scheduled sessions on that day (today or later) with the reason "Hari libur: …". Removing a holiday does not bring cancelled sessions back; add an extra session if needed.',
  'holidayKind.national': 'National holiday',
  'holidayKind.cuti_bersama': 'Collective leave (cuti bersama)',
  'holidayKind.local': 'Local holiday',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
