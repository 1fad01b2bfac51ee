// Texts of the stock ledgers shared by production, materials and sales.
export const id = {
  'stock.insufficient': 'Stok {name} tidak cukup: tersisa {n}.',
  'stock.badQuantity': 'Jumlah harus bilangan bulat dan tidak boleh nol atau negatif.',
  'nav.products': 'Produk',
  'nav.production': 'Produksi',
  'nav.stock': 'Stok',
  'nav.sales': 'Penjualan',
  'nav.productionReports': 'Laporan produksi',
};

export const en: Record<keyof typeof id, string> = {
  'stock.insufficient': 'Not enough {name} in stock: {n} left.',
  'stock.badQuantity': 'The quantity must be a whole number, not zero or negative.',
  'nav.products': 'Products',
  'nav.production': 'Production',
  'nav.stock': 'Stock',
  'nav.sales': 'Sales',
  'nav.productionReports': 'Production reports',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
