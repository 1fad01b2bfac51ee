// Texts of the public product gallery's management, in Indonesian and English.
export const id = {
  'gallery.nav': 'Galeri produk',
};

export const en: Record<keyof typeof id, string> = {
  'gallery.nav': 'Product gallery',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
