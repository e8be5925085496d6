/** The folding that makes knowledge lookups case-, accent- and punctuation-insensitive. */

const FOLD_LETTERS: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
  ħ: 'h',
};

/**
 * Case-, accent- and punctuation-insensitive key: "São Paulo" = "Sao Paulo", "Sana'a" = "Sanaa",
 * "al-Shabaab" = "Al Shabaab", "Washington, D.C." = "Washington DC". Apostrophes vanish rather than
 * become spaces because transliterations drop them ("Ta‘izz"/"Taizz"); hyphens become spaces because
 * writers swap the two ("Nur-Sultan"/"Nur Sultan").
 */
export function foldKey(s: string): string {
  // Plain ASCII (most lookups, many gazetteer names) skips Unicode normalization, the costly step at load.
  const folded = ASCII.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[ıłøđßæœþðħ]/g, (c) => FOLD_LETTERS[c] ?? c)
        .replace(/[’‘ʼʻʿʾ´]/g, '');
  return folded
    .replace(/['`.,]/g, '')
    .replace(/[-‐‑‒–—―_/\s]+/g, ' ')
    .trim();
}

const ASCII = /^[\x20-\x7e]*$/;
