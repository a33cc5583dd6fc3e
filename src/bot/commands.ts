/**
 * The typed commands the bot understands at any moment, in Dutch and English. One table: the
 * router, the help text and the Teams manifest's command lists all come from here.
 */
export type CommandId = 'forget' | 'help' | 'stop' | 'restart' | 'catalogue' | 'status' | 'results' | 'group' | 'followup' | 'followupStatus' | 'unsubscribe' | 'pause' | 'report';

export type Scope = 'personal' | 'team' | 'groupChat';

export interface Command {
  id: CommandId;
  /** Where the bot understands the command. */
  scopes: Scope[];
  /** Where it appears in Teams' command menu (at most 10 per scope); the manifest must match. Default: scopes. */
  menu?: Scope[];
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
  { id: 'followup', scopes: ['personal'], nl: ['vervolg', 'vervolgoefeningen'], en: ['follow-up', 'followup'], description: { nl: 'Meld je aan voor vervolgoefeningen', en: 'Sign up for follow-up exercises' } },
  { id: 'followupStatus', scopes: ['personal'], nl: ['vervolg status', 'vervolgstatus'], en: ['follow-up status', 'followup status'], description: { nl: 'Wat er gepland staat', en: 'What is planned' } },
  { id: 'pause', scopes: ['personal'], nl: ['pauze', 'pauzeer'], en: ['pause'], description: { nl: 'Een week geen vervolgoefeningen', en: 'No follow-up exercises for a week' } },
  { id: 'unsubscribe', scopes: ['personal'], nl: ['afmelden', 'meld mij af'], en: ['unsubscribe'], description: { nl: 'Stop alle vervolgoefeningen', en: 'Stop all follow-up exercises' } },
  { id: 'report', scopes: ['personal', 'team', 'groupChat'], menu: ['team', 'groupChat'], nl: ['vervolg rapport', 'rapport'], en: ['follow-up report', 'report'], description: { nl: 'Voortgang van je vervolgreeks (trainers)', en: 'Progress of your follow-up series (trainers)' } },
  { id: 'forget', scopes: ['personal'], menu: [], nl: ['verwijder mijn gegevens', 'wis mijn gegevens'], en: ['delete my data', 'forget me'], description: { nl: 'Verwijder al je gegevens', en: 'Delete all your data' } },
  { id: 'results', scopes: ['personal'], nl: ['mijn resultaten', 'resultaten'], en: ['my results', 'results'], description: { nl: 'Je afgeronde oefeningen en je profiel', en: 'Your finished exercises and profile' } },
];

/** Lower case, punctuation as spaces, single spaces: "  Stop! " → "stop", "follow-up" → "follow up". */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const lookup = new Map<string, CommandId>(COMMANDS.flatMap((c) => [...c.nl, ...c.en].map((word) => [normalise(word), c.id] as const)));

/** Finds the command that typed text names, if any. */
export function parseCommand(text: string | undefined): CommandId | undefined {
  return text ? lookup.get(normalise(text)) : undefined;
}

/** The commands Teams shows in its command menu for a scope. */
export const menuOf = (scope: Scope) => COMMANDS.filter((c) => (c.menu ?? c.scopes).includes(scope));
