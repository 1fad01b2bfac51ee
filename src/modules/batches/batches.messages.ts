// Texts of the offline batches shared by the attendance and production pages.
export const id = {
  'batches.keyReused.attendance': 'Kunci pengiriman ini sudah dipakai untuk sesi lain.',
  'batches.keyReused.production':
    'Kunci pengiriman ini sudah dipakai untuk catatan produksi sesi atau hari lain.',
};

export const en: Record<keyof typeof id, string> = {
  'batches.keyReused.attendance': 'This submission key was already used for another session.',
  'batches.keyReused.production':
    'This submission key was already used for another session’s or day’s production log.',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
