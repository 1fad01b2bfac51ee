// Texts of the retention page (/privacy/retention): the runs of the pseudonymisation job and the
// people per unit, in Indonesian and English.
export const id = {
  'retention.nav': 'Retensi data',
  'retention.title': 'Retensi data pribadi',
  'retention.intro':
    'Sesuai UU 27/2022, data pribadi warga binaan yang telah bebas disimpan selama {years} tahun setelah tindak lanjut terakhir (atau tanggal bebas bila tidak ada tindak lanjut). Setelah itu, setiap hari pukul 01.40 WIB, nama diganti dengan nama samaran, sedangkan NIK, kontak, alamat, dan rekening dihapus. Jumlah peserta, presensi, tindak lanjut, dan hasil tetap utuh.',
  'retention.cutoff': 'Batas saat ini',
  'retention.cutoffText': 'tindak lanjut terakhir atau tanggal bebas sebelum {day}',
  'retention.years': 'Masa retensi',
  'retention.yearsText': '{years} tahun',
  'retention.runNow': 'Jalankan sekarang',
  'retention.runNowHint':
    'Menjalankan proses retensi untuk semua unit sekarang juga, tanpa menunggu jadwal harian. Hanya administrator nasional.',
  'retention.confirm': 'Jalankan proses retensi sekarang?',
  'retention.confirmDetail':
    'Data pribadi setiap orang yang melewati masa retensi di semua unit diganti nama samaran. Ini tidak dapat dibatalkan.',
  'retention.queued': 'Proses retensi dijalankan. Hasilnya muncul di daftar proses setelah selesai.',
  'retention.units': 'Per unit',
  'retention.unit': 'Unit',
  'retention.pseudonymised': 'Sudah disamarkan',
  'retention.due': 'Menunggu proses berikutnya',
  'retention.noUnits': 'Belum ada orang yang melewati masa retensi di unit Anda.',
  'retention.runs': 'Riwayat proses',
  'retention.noRuns': 'Proses retensi belum pernah berjalan.',
  'retention.runOn': 'Tanggal proses',
  'retention.runCutoff': 'Batas',
  'retention.people': 'Orang',
  'retention.details': 'Baris yang diubah per tabel',
  'retention.by': 'Dijalankan oleh',
  'retention.byJob': 'Jadwal harian',
  'retention.nothing': 'Tidak ada yang diubah',
};

export const en: Record<keyof typeof id, string> = {
  'retention.nav': 'Data retention',
  'retention.title': 'Personal data retention',
  'retention.intro':
    'Under UU 27/2022, the personal data of released people is kept for {years} years after their last follow-up (or their release when they were never followed up). After that, every day at 01:40 WIB, their name is replaced by a pseudonym and their NIK, contacts, addresses and bank details are removed. Participant, attendance, follow-up and outcome counts stay whole.',
  'retention.cutoff': 'Current cut-off',
  'retention.cutoffText': 'last follow-up or release before {day}',
  'retention.years': 'Retention period',
  'retention.yearsText': '{years} years',
  'retention.runNow': 'Run now',
  'retention.runNowHint':
    'Runs the retention job for every unit now instead of waiting for the daily schedule. National administrators only.',
  'retention.confirm': 'Run the retention job now?',
  'retention.confirmDetail':
    'The personal data of everyone past the retention period in every unit is replaced by a pseudonym. This cannot be undone.',
  'retention.queued':
    'The retention job was started. Its result appears in the list of runs when it has finished.',
  'retention.units': 'Per unit',
  'retention.unit': 'Unit',
  'retention.pseudonymised': 'Pseudonymised',
  'retention.due': 'Waiting for the next run',
  'retention.noUnits': 'Nobody in your units is past the retention period yet.',
  'retention.runs': 'Runs',
  'retention.noRuns': 'The retention job has not run yet.',
  'retention.runOn': 'Run on',
  'retention.runCutoff': 'Cut-off',
  'retention.people': 'People',
  'retention.details': 'Rows changed per table',
  'retention.by': 'Started by',
  'retention.byJob': 'Daily schedule',
  'retention.nothing': 'Nothing changed',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
