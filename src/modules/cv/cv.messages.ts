// Texts of the CV module in Indonesian and English. The CV itself is an Indonesian document and
// prints in Indonesian (cv.sheet.ts, cv.pdf.ts).
export const id = {
  'cv.download': 'Unduh CV (PDF)',
  'cv.noConsent':
    'CV tidak dapat dibagikan: yang bersangkutan belum memberikan persetujuan berbagi CV, atau persetujuannya telah ditarik.',
};

export const en: Record<keyof typeof id, string> = {
  'cv.download': 'Download CV (PDF)',
  'cv.noConsent':
    'The CV cannot be shared: the person has not consented to sharing their CV, or has withdrawn that consent.',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
