// Texts of one's own account: password and API tokens, in Indonesian and English.
export const id = {
  'account.title': 'Akun saya',
  'account.password.title': 'Ganti kata sandi',
  'account.password.current': 'Kata sandi saat ini',
  'account.password.new': 'Kata sandi baru',
  'account.password.confirm': 'Ulangi kata sandi baru',
  'account.password.hint': 'Minimal 10 karakter. Gunakan kalimat yang mudah Anda ingat.',
  'account.password.mismatch': 'Kedua kata sandi baru tidak sama.',
  'account.password.wrong': 'Kata sandi saat ini salah.',
  'account.password.changed': 'Kata sandi berhasil diganti.',
  'account.password.mustChange': 'Anda harus mengganti kata sandi sebelum melanjutkan.',
  'account.password.same': 'Kata sandi baru harus berbeda dari yang lama.',
  'account.tokens.title': 'Token API pribadi',
  'account.tokens.intro':
    'Token API memberi akses ke API JSON (/api/v1) atas nama Anda, dengan izin yang sama. Simpan token dengan aman; token hanya ditampilkan sekali.',
  'account.tokens.name': 'Nama token',
  'account.tokens.expiresDays': 'Berlaku (hari)',
  'account.tokens.create': 'Buat token',
  'account.tokens.created': 'Token baru (salin sekarang, tidak akan ditampilkan lagi):',
  'account.tokens.revoke': 'Cabut',
  'account.tokens.revoked': 'Token dicabut.',
  'account.tokens.lastUsed': 'Terakhir dipakai',
  'account.tokens.expires': 'Berakhir',
  'account.tokens.never': 'tidak pernah',
  'account.roles': 'Peran',
  'account.home': 'Unit/kantor',
} as const;

export const en: Record<keyof typeof id, string> = {
  'account.title': 'My account',
  'account.password.title': 'Change password',
  'account.password.current': 'Current password',
  'account.password.new': 'New password',
  'account.password.confirm': 'Repeat new password',
  'account.password.hint': 'At least 10 characters. A sentence you remember works well.',
  'account.password.mismatch': 'The two new passwords differ.',
  'account.password.wrong': 'The current password is wrong.',
  'account.password.changed': 'Password changed.',
  'account.password.mustChange': 'You must change your password before going on.',
  'account.password.same': 'The new password must differ from the old one.',
  'account.tokens.title': 'Personal API tokens',
  'account.tokens.intro':
    'An API token gives access to the JSON API (/api/v1) as you, with your permissions. Keep it safe; it is shown only once.',
  'account.tokens.name': 'Token name',
  'account.tokens.expiresDays': 'Valid for (days)',
  'account.tokens.create': 'Create token',
  'account.tokens.created': 'New token (copy it now, it will not be shown again):',
  'account.tokens.revoke': 'Revoke',
  'account.tokens.revoked': 'Token revoked.',
  'account.tokens.lastUsed': 'Last used',
  'account.tokens.expires': 'Expires',
  'account.tokens.never': 'never',
  'account.roles': 'Roles',
  'account.home': 'Unit/office',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
