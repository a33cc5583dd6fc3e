/** A text bar for a 0–100 value, as Teams renders it in a monospace TextBlock: "██████░░░░". */
export function bar(value: number, width = 10): string {
  const filled = Math.round((Math.min(100, Math.max(0, value)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** A, B, C… for the choices on a card. */
export const letter = (i: number) => String.fromCharCode(65 + i);

const lists = { nl: new Intl.ListFormat('nl', { type: 'disjunction' }), en: new Intl.ListFormat('en-GB', { type: 'disjunction' }) };

/** The letters of `n` choices as the language lists alternatives: "A, B of C" / "A, B or C" (Intl.ListFormat). */
export const letters = (lang: 'nl' | 'en', n: number) => lists[lang].format(Array.from({ length: n }, (_, i) => letter(i)));
