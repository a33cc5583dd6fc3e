/**
 * Expands the Adaptive Card templates in cards/ with adaptivecards-templating. Templates are
 * read once at start-up; no card JSON is built by hand in code.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths';

export const CARD_NAMES = ['welcome', 'catalogue', 'briefing', 'moment', 'feedback', 'summary', 'results', 'group-catalogue', 'group-moment', 'group-summary',
  'micro', 'micro-feedback', 'followup-setup', 'followup-report', 'confirm'] as const;
export type CardName = (typeof CARD_NAMES)[number];
export type Card = Record<string, unknown>;

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
