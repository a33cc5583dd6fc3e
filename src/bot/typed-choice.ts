/**
 * A choice typed instead of clicked: "b", "B", "optie b", "antwoord B", "keuze c", and in
 * English "option b", "answer B", "choice c". Only A–D: a moment has 2 to 4 choices (content schema).
 */
const TYPED = /^(?:(?:optie|antwoord|keuze|option|answer|choice)\s*)?([a-d])[.)!]?$/;

/** The position typed (0 for A), or undefined when the text is no typed choice. */
export function parseTypedChoice(text: string | undefined): number | undefined {
  const match = TYPED.exec((text ?? '').trim().toLowerCase().replace(/\s+/g, ' '));
  return match ? match[1]!.charCodeAt(0) - 97 : undefined;
}
