/** The password of every demo account; documented in README. Demo data is off in production. */
export const DEMO_PASSWORD = 'Simandiri#2026';
