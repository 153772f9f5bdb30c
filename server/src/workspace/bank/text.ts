/** Text as offices type it: decomposed Unicode from Word, non-breaking spaces, stray spaces. */

/** NFC, non-breaking and zero-width spaces out, runs of white space collapsed, trimmed */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

/** whether the text arrived decomposed (NFD, as Word and some Mac tools paste it) */
export const wasDecomposed = (s: string): boolean => s !== s.normalize('NFC');

/**
 * Two prompts are duplicates when equal after cleaning, ignoring case and the punctuation around
 * them. Diacritics stay: in Vietnamese they make different words.
 */
export function duplicateKey(s: string): string {
  return cleanText(s)
    .toLocaleLowerCase('vi')
    .replace(/^[\s"'“”‘’«»([]+|[\s"'“”‘’«»)\].?!:;…]+$/g, '');
}

/** for matching headers and keywords: no case, no diacritics (đ → d), single spaces */
export function foldKeyword(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ');
}
