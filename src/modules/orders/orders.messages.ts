// Texts of order inquiries from the public gallery and their confirmation, in Indonesian and English.
export const id = {
  'orders.nav': 'Pesanan',
};

export const en: Record<keyof typeof id, string> = {
  'orders.nav': 'Orders',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
