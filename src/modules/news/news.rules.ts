// Pure rules of the newsroom (no I/O): the HTML a news body may carry, an item's public slug, and
// which status moves are allowed.
import sanitizeHtml from 'sanitize-html';

/** The tags a news body may carry; everything else is dropped (its text kept, scripts dropped whole). */
const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'blockquote',
  'a',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // `rel` is only ever the value the transform below sets.
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Trix writes <div> blocks and an <h1> heading: a div becomes a paragraph and h1 a heading of
  // the allowed level rather than losing their line.
  transformTags: {
    div: 'p',
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener nofollow' },
    }),
  },
};

/**
 * A news body reduced to the allowlist (p, br, strong, b, em, i, u, s, ul, ol, li, h2, h3,
 * blockquote, a[href] with http/https/mailto only and rel="noopener nofollow"). Scripts, styles,
 * event handlers (`onerror=`), `javascript:` links and every other attribute are gone. Run on save
 * and again by the public site at render.
 */
export function sanitizeNewsHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Longest public slug of an item (characters). */
export const SLUG_MAX = 120;

/**
 * An item's slug: the event's day then the title's words, lower-case ASCII joined by hyphens
 * ("2026-01-21-rutan-magetan-dan-pt-x-teken-kerja-sama"), at most SLUG_MAX characters, cut at a
 * word boundary. Accents are folded ("é" → "e"); other characters are dropped.
 */
export function newsSlug(eventDay: string, title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = eventDay;
  for (const w of words) {
    const next = `${slug}-${w}`;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug.slice(0, SLUG_MAX);
}
