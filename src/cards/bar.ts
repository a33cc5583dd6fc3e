/** A text bar for a 0–100 value, as Teams renders it in a monospace TextBlock: "██████░░░░". */
export function bar(value: number, width = 10): string {
  const filled = Math.round((Math.min(100, Math.max(0, value)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** A, B, C… for the choices on a card. */
export const letter = (i: number) => String.fromCharCode(65 + i);
