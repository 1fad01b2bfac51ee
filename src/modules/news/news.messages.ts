// Texts of the newsroom (drafts from events, approval, publication), in Indonesian and English.
export const id = {
  'news.nav': 'Berita',
};

export const en: Record<keyof typeof id, string> = {
  'news.nav': 'News',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
