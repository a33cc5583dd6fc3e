/**
 * The typed commands the bot understands at any moment, in Dutch and English. One table: the
 * router, the help text and the Teams manifest's command lists all come from here.
 */
export type CommandId = 'help' | 'stop' | 'restart' | 'catalogue' | 'status' | 'results' | 'group';

export type Scope = 'personal' | 'team' | 'groupChat';

export interface Command {
  id: CommandId;
  /** Where the bot understands the command; the Teams manifest's command lists must match. */
  scopes: Scope[];
  /** The first Dutch and first English word are the ones shown in Teams' command list. */
  nl: string[];
  en: string[];
  description: { nl: string; en: string };
}

export const COMMANDS: Command[] = [
  { id: 'help', scopes: ['personal', 'team', 'groupChat'], nl: ['help', 'hallo', 'hoi', 'hulp'], en: ['help', 'hello', 'hi'], description: { nl: 'Wat Samenspel is en wat je kunt doen', en: 'What Samenspel is and what you can do' } },
  { id: 'catalogue', scopes: ['personal'], nl: ['oefeningen', 'menu', 'oefening'], en: ['exercises', 'menu', 'exercise'], description: { nl: 'Kies een oefening', en: 'Pick an exercise' } },
  { id: 'status', scopes: ['personal'], nl: ['status', 'waar ben ik'], en: ['status', 'where am i'], description: { nl: 'Waar je bent in je oefening', en: 'Where you are in your exercise' } },
  { id: 'restart', scopes: ['personal'], nl: ['opnieuw', 'herstart', 'overnieuw'], en: ['restart', 'start over', 'again'], description: { nl: 'Begin je oefening opnieuw', en: 'Start your exercise again' } },
  { id: 'stop', scopes: ['personal'], nl: ['stop', 'annuleer', 'stoppen', 'afbreken'], en: ['stop', 'cancel', 'quit'], description: { nl: 'Stop je oefening', en: 'Stop your exercise' } },
  { id: 'group', scopes: ['team', 'groupChat'], nl: ['groep', 'groepsoefening'], en: ['group', 'group exercise'], description: { nl: 'Start een groepsoefening (voor trainers)', en: 'Start a group exercise (for trainers)' } },
  { id: 'results', scopes: ['personal'], nl: ['mijn resultaten', 'resultaten'], en: ['my results', 'results'], description: { nl: 'Je afgeronde oefeningen en je profiel', en: 'Your finished exercises and profile' } },
];

const lookup = new Map<string, CommandId>(COMMANDS.flatMap((c) => [...c.nl, ...c.en].map((word) => [word, c.id] as const)));

/** Normalises typed text ("  Stop! ", "/help") and finds the command it names, if any. */
export function parseCommand(text: string | undefined): CommandId | undefined {
  if (!text) return undefined;
  const normalised = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return lookup.get(normalised);
}
