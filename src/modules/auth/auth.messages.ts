// Texts of signing in and out, in Indonesian and English.
export const id = {
  'auth.title': 'Masuk',
  'auth.username': 'Nama pengguna',
  'auth.password': 'Kata sandi',
  'auth.submit': 'Masuk',
  'auth.invalid': 'Nama pengguna atau kata sandi salah.',
  'auth.signedOut': 'Anda telah keluar.',
  'auth.expired': 'Sesi Anda berakhir. Silakan masuk kembali.',
  'auth.intro': 'Masuk dengan akun yang diberikan administrator unit Anda.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'auth.title': 'Sign in',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.submit': 'Sign in',
  'auth.invalid': 'Wrong username or password.',
  'auth.signedOut': 'You have signed out.',
  'auth.expired': 'Your session ended. Please sign in again.',
  'auth.intro': "Sign in with the account your unit's administrator gave you.",
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
