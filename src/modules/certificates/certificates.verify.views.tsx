// The public verification page the certificate's QR code opens. It stands alone, without the
// application's navigation (which would show a signed-in visitor's account), and says only what
// the issue allows: number, initials, programme, date, valid or revoked (with the date, never why).

import type { ComponentChildren } from 'preact';
import { asset } from '../../app/assets.ts';
import { formatDay } from '../../app/format.ts';
import { translator } from '../../app/i18n.ts';

// Anyone holding the paper reads this page: it is in Indonesian, like the certificate.
const t = translator('id');

function Shell(p: { title: string; children: ComponentChildren }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${p.title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={asset('app.css')} />
      </head>
      <body>
        <header class="top">
          <div class="brand">{t('app.name')}</div>
        </header>
        <main id="main">{p.children}</main>
        <footer class="foot">
          <small>{t('app.tagline')}</small>
        </footer>
      </body>
    </html>
  );
}

export function VerifyPage(p: {
  c: {
    number: string;
    holder_initials: string;
    programme_name: string;
    issued_on: string;
    status: 'valid' | 'revoked';
    revoked_on: string | null;
  };
}) {
  const { c } = p;
  return (
    <Shell title={t('verify.title')}>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <p
        class={c.status === 'valid' ? 'flash' : 'error-summary'}
        data-testid="verify-status"
        data-status={c.status}
      >
        <strong>{c.status === 'valid' ? t('verify.valid') : t('verify.revoked')}</strong>
      </p>
      <dl class="facts" data-testid="verify-facts">
        <dt>{t('certificates.number')}</dt>
        <dd data-testid="verify-number">{c.number}</dd>
        <dt>{t('verify.initials')}</dt>
        <dd data-testid="verify-initials">{c.holder_initials}</dd>
        <dt>{t('certificates.programme')}</dt>
        <dd data-testid="verify-programme">{c.programme_name}</dd>
        <dt>{t('certificates.issuedOn')}</dt>
        <dd data-testid="verify-issued-on">{formatDay(c.issued_on, 'id')}</dd>
        {c.revoked_on && (
          <>
            <dt>{t('verify.revokedOn')}</dt>
            <dd data-testid="verify-revoked-on">{formatDay(c.revoked_on, 'id')}</dd>
          </>
        )}
      </dl>
    </Shell>
  );
}

export function VerifyNotFoundPage() {
  return (
    <Shell title={t('verify.title')}>
      <h1>{t('verify.title')}</h1>
      <p data-testid="verify-unknown">{t('verify.unknown')}</p>
    </Shell>
  );
}
