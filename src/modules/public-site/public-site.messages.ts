// Texts of the units' public pages (news, item pages, feed, gallery), in Indonesian and English.
export const id = {
  'publicSite.title': 'Kabar {unit}',
};

export const en: Record<keyof typeof id, string> = {
  'publicSite.title': 'News from {unit}',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
