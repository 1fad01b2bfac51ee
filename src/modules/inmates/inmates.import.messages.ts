// Texts of the SDP import jobs (progress, failures), in Indonesian and English.
export const id = {
  'import.notReady': 'Impor ini belum selesai diperiksa atau gagal; tidak dapat disimpan.',
  'import.jobFailed': 'Impor gagal diproses. Coba unggah ulang berkasnya; bila terulang, hubungi admin.',
  'import.progressTitle': 'Memproses impor',
  'import.progress': 'Kemajuan impor',
  'import.phase.queued': 'Menunggu giliran diproses…',
  'import.phase.reading': 'Membaca berkas…',
  'import.phase.checking': 'Memeriksa baris {done} dari {total}…',
  'import.phase.matching': 'Mencocokkan {total} baris dengan register…',
  'import.phase.applying': 'Menulis {total} baris dalam satu transaksi…',
  'import.reload': 'Muat ulang halaman ini untuk melihat kemajuan',
  'import.failedTitle': 'Impor gagal',
  'import.queued': 'Berkas diterima dan sedang diperiksa.',
  'import.saving': 'Impor sedang disimpan.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'import.notReady': 'This import has not finished checking or has failed; it cannot be saved.',
  'import.jobFailed':
    'The import could not be processed. Upload the file again; if it recurs, contact the admin.',
  'import.progressTitle': 'Processing the import',
  'import.progress': 'Import progress',
  'import.phase.queued': 'Waiting to be processed…',
  'import.phase.reading': 'Reading the file…',
  'import.phase.checking': 'Checking row {done} of {total}…',
  'import.phase.matching': 'Matching {total} rows with the register…',
  'import.phase.applying': 'Writing {total} rows in one transaction…',
  'import.reload': 'Reload this page to see the progress',
  'import.failedTitle': 'Import failed',
  'import.queued': 'File received and being checked.',
  'import.saving': 'The import is being saved.',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
