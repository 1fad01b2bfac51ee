// The Content-Disposition header of every download (RFC 6266), the one place that writes it. A file
// name may be in any script ("合同.pdf", "Perjanjian Ğ.pdf"): HTTP headers carry only Latin-1, so the
// name goes out twice, as an ASCII fallback and as UTF-8 in `filename*` (RFC 5987), which browsers prefer.

/** Characters RFC 5987 lets stand unencoded in `filename*` (attr-char). */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeRfc5987(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ATTR_CHAR.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The name without diacritics, every other non-printable-ASCII, quote or backslash as "_". */
export function asciiFilename(name: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  // A name that was all in another script keeps only its extension: offer a plain word instead.
  return /[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - ext.length)) ? ascii : `berkas${ext}`;
}

/** `attachment; filename="..."; filename*=UTF-8''...`, or `inline` (with the name when given). */
export function contentDisposition(kind: 'attachment' | 'inline', filename?: string): string {
  if (filename === undefined) return kind;
  // No path, no control characters, whatever the caller passed.
  const name = (filename.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim() || 'berkas';
  return `${kind}; filename="${asciiFilename(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
