// Texts of the release pipeline (the 30/90-day lists, the case page, the readiness checklist and its
// templates, consents, recording the release, the dashboard panel), in Indonesian and English.
export const id = {
  'reintegration.decreeRequired': 'Tanggal integrasi memerlukan nomor SK (surat keputusan).',
  'reintegration.decreeInFuture': 'Tanggal SK tidak boleh setelah hari ini.',
  'reintegration.integrasiBeforeDecree': 'Tanggal integrasi tidak boleh sebelum tanggal SK.',
  'reintegration.notActive': 'Warga binaan ini sudah tidak berstatus aktif.',
  'reintegration.releaseInFuture': 'Tanggal pembebasan tidak boleh setelah hari ini.',
  'reintegration.releaseBeforeEntry': 'Tanggal pembebasan tidak boleh sebelum tanggal masuk.',
  'reintegration.releaseNeedsDecree':
    'Pembebasan melalui integrasi (PB, CB, CMB) memerlukan nomor SK yang tercatat pada kasus.',
};

export const en: Record<keyof typeof id, string> = {
  'reintegration.decreeRequired': 'An integrasi date needs its decree (SK) number.',
  'reintegration.decreeInFuture': 'The decree date cannot be after today.',
  'reintegration.integrasiBeforeDecree': 'The integrasi date cannot be before the decree date.',
  'reintegration.notActive': 'This person is no longer active.',
  'reintegration.releaseInFuture': 'The release date cannot be after today.',
  'reintegration.releaseBeforeEntry': 'The release date cannot be before the entry date.',
  'reintegration.releaseNeedsDecree':
    'A release by integrasi (PB, CB, CMB) needs the decree number recorded on the case.',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
