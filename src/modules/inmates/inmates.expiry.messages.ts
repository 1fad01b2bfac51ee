// Texts of the tanggal ekspirasi checks (issue 9 item 12): the "past ekspirasi" flag, filter and
// dashboard count, and the register history of detention orders and corrected dates.
export const id = {
  'inmates.pastExpiry': 'Lewat tanggal ekspirasi',
  'inmates.pastExpiryHint':
    'Masih tercatat aktif padahal tanggal ekspirasinya sudah lewat. Catat pembebasannya, atau perpanjangan penahanan / koreksi tanggal ekspirasi beserta dasarnya. Sampai itu dicatat, ia tidak dipanggil dalam presensi.',
  'inmates.expiryFilter': 'Tanggal ekspirasi',
  'inmates.expiryFilter.past': 'Lewat tanggal ekspirasi',
  'inmates.expiry.title': 'Riwayat tanggal ekspirasi',
  'inmates.expiry.add': 'Perpanjangan / koreksi tanggal ekspirasi',
  'inmates.expiry.kind': 'Jenis',
  'inmates.expiry.kind.detention_extension': 'Perpanjangan penahanan',
  'inmates.expiry.kind.correction': 'Koreksi tanggal ekspirasi',
  'inmates.expiry.kindHint':
    'Tahanan: surat perintah / penetapan perpanjangan penahanan. Narapidana: koreksi tanggal ekspirasi (putusan, remisi, salah ketik) dengan dasarnya.',
  'inmates.expiry.newExpiry': 'Tanggal ekspirasi baru',
  'inmates.expiry.previous': 'Sebelumnya',
  'inmates.expiry.reference': 'Nomor surat perintah / penetapan',
  'inmates.expiry.authority': 'Instansi yang mengeluarkan',
  'inmates.expiry.orderDate': 'Tanggal surat',
  'inmates.expiry.basis': 'Dasar / keterangan',
  'inmates.expiry.saved': 'Tanggal ekspirasi diperbarui dan dicatat di riwayat.',
  'inmates.expiry.detaineesOnly':
    'Perpanjangan penahanan hanya untuk tahanan; untuk narapidana catat koreksi tanggal ekspirasi beserta dasarnya.',
  'inmates.expiry.mustExtend':
    'Tanggal akhir penahanan yang baru harus sesudah tanggal ekspirasi yang tercatat.',
  'inmates.expiry.unchanged': 'Tanggal ekspirasi baru sama dengan yang tercatat.',
  'inmates.expiry.orderInFuture': 'Tanggal surat tidak boleh sesudah hari ini.',
  'inmates.expiry.basisShort':
    'Tuliskan dasar koreksi (minimal 5 karakter), misalnya nomor putusan atau SK remisi.',
  'inmates.expiry.useChangeForm':
    'Tanggal ekspirasi yang sudah tercatat hanya dapat diubah melalui "Perpanjangan / koreksi tanggal ekspirasi" beserta dasarnya.',
  'inmates.expiry.dashboardTitle': 'Lewat tanggal ekspirasi',
  'inmates.expiry.dashboardText': '{n} orang masih tercatat aktif sesudah tanggal ekspirasinya.',
  'inmates.expiry.dashboardNone': 'Tidak ada yang aktif sesudah tanggal ekspirasinya.',
  'inmates.expiry.dashboardLink': 'Lihat dan perbaiki',
  'inmates.expiry.overviewCount': 'Lewat tanggal ekspirasi: {n} orang',
} as const;

export const en: Record<keyof typeof id, string> = {
  'inmates.pastExpiry': 'Past release date',
  'inmates.pastExpiryHint':
    'Still recorded as active although the release date (tanggal ekspirasi) has passed. Record the release, or a detention extension / corrected release date with its basis. Until then the roll call does not offer this person.',
  'inmates.expiryFilter': 'Release date',
  'inmates.expiryFilter.past': 'Past release date',
  'inmates.expiry.title': 'Release date history',
  'inmates.expiry.add': 'Extension / corrected release date',
  'inmates.expiry.kind': 'Kind',
  'inmates.expiry.kind.detention_extension': 'Detention extension',
  'inmates.expiry.kind.correction': 'Corrected release date',
  'inmates.expiry.kindHint':
    'Detainees: the new detention order or decree. Sentenced inmates: a corrected release date (verdict, remission, typing error) with its basis.',
  'inmates.expiry.newExpiry': 'New release date',
  'inmates.expiry.previous': 'Before',
  'inmates.expiry.reference': 'Order or decree number',
  'inmates.expiry.authority': 'Issuing authority',
  'inmates.expiry.orderDate': 'Date of the order',
  'inmates.expiry.basis': 'Basis / note',
  'inmates.expiry.saved': 'Release date updated and kept in the history.',
  'inmates.expiry.detaineesOnly':
    'A detention extension is for detainees only; for a sentenced inmate record a corrected release date with its basis.',
  'inmates.expiry.mustExtend': 'The new end of detention must be after the recorded release date.',
  'inmates.expiry.unchanged': 'The new release date is the same as the recorded one.',
  'inmates.expiry.orderInFuture': 'The date of the order cannot be after today.',
  'inmates.expiry.basisShort':
    'Give the basis of the correction (at least 5 characters), e.g. the verdict or remission decree number.',
  'inmates.expiry.useChangeForm':
    'A recorded release date can only be changed through "Extension / corrected release date", with its basis.',
  'inmates.expiry.dashboardTitle': 'Past release date',
  'inmates.expiry.dashboardText': '{n} people are still recorded as active after their release date.',
  'inmates.expiry.dashboardNone': 'Nobody is active after their release date.',
  'inmates.expiry.dashboardLink': 'Review and correct',
  'inmates.expiry.overviewCount': 'Past release date: {n} people',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
