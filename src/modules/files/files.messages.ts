// Texts of stored photos (refusals on upload), in Indonesian and English.
export const id = {
  'images.badType': 'Foto harus berupa JPEG atau PNG.',
  'images.corrupt': 'Foto tidak dapat dibaca (rusak atau terpotong). Unggah ulang foto aslinya.',
  'images.tooManyPixels':
    'Foto terlalu besar ukurannya (lebih dari {mp} megapiksel). Perkecil foto lalu unggah lagi.',
};

export const en: Record<keyof typeof id, string> = {
  'images.badType': 'The photo must be a JPEG or PNG.',
  'images.corrupt': 'The photo cannot be read (damaged or cut short). Upload the original photo again.',
  'images.tooManyPixels':
    'The photo has too many pixels (more than {mp} megapixels). Make it smaller and upload it again.',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
