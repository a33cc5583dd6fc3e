/** Text helpers for card data. */

/**
 * `text` in at most `max` characters: whole, or cut after the last whole word that fits, with an
 * ellipsis ("met de brandweer" → "met de…", never "met de bra…"). A single word longer than `max`
 * is cut hard. Trailing punctuation before the ellipsis is dropped.
 */
export function shorten(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max); // max - 1 characters of text, plus the ellipsis
  const cut = room.slice(0, max - 1);
  // The next character decides: a space means the word in `cut` is whole.
  const whole = room[max - 1] === ' ' ? cut : cut.slice(0, Math.max(0, cut.lastIndexOf(' ')));
  const kept = (whole || cut).replace(/[\s,;:.\-–—]+$/, '');
  return `${kept}…`;
}
