// What a journal accepts, without I/O: documentation photos are JPEG or PNG (judged by their
// first bytes), and the free-text list of other instructors is tidied into one line.

/** JPEG starts FF D8 FF; PNG with its eight-byte signature. */
export function isPhoto(content: Buffer): boolean {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return true;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return content.length >= png.length && png.every((b, i) => content[i] === b);
}

/** "Budi,  Sari ,," → "Budi, Sari"; empty → null. */
export function tidyNames(text: string | undefined | null): string | null {
  const names = (text ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  return names.length ? names.join(', ') : null;
}
