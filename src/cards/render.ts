/**
 * Expands the Adaptive Card templates in cards/ with adaptivecards-templating. Templates are
 * read once at start-up; no card JSON is built by hand in code.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths';

export const CARD_NAMES = ['welcome', 'catalogue', 'briefing', 'moment', 'feedback', 'summary', 'results', 'group-catalogue', 'group-moment', 'group-summary',
  'micro', 'micro-feedback', 'followup-setup', 'followup-report', 'confirm', 'report-link'] as const;
export type CardName = (typeof CARD_NAMES)[number];
export type Card = Record<string, unknown>;

/**
 * The most a card may weigh, in UTF-8 bytes of its JSON. Teams answers 413 MessageSizeTooBig to a
 * bot message over its limit ("Format your bot messages": 100 KB counted in UTF-16, 80 KB
 * recommended; it was 40 KB) and Workflows posts fail over ~28 KB. We keep every card under 28 KB
 * (the card tests' limit; ~56 KB in UTF-16), less 1 KB for the activity around it.
 */
export const CARD_BUDGET_BYTES = 27 * 1024;

/** A card's size as Teams counts it: its JSON in UTF-8 (block characters take 3 bytes). */
export const cardBytes = (card: Card) => Buffer.byteLength(JSON.stringify(card));

export interface CardRenderer {
  render(name: CardName, data: object): Card;
}

export function loadCardTemplates(dir = CARDS_DIR): CardRenderer {
  const templates = new Map<CardName, ACData.Template>();
  for (const name of CARD_NAMES) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
    templates.set(name, new ACData.Template(json));
  }
  return {
    render(name, data) {
      const card = templates.get(name)!.expand({ $root: data }) as Card;
      // A "$when" that is false on a top-level object (e.g. refresh) leaves null: drop it.
      for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
      return card;
    },
  };
}
