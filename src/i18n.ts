/**
 * Interface strings in Dutch (default) and English (when the Teams client's locale is English).
 * Exercise content itself is written in its own language.
 */
export type Lang = 'nl' | 'en';

export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

const nl = {
  welcome: {
    title: 'Welkom bij Samenspel',
    intro:
      'Oefen bestuurlijke sensitiviteit: het samenspel tussen ambtenaren en bestuurders. Je speelt een herkenbare situatie, kiest wat jij zou doen en krijgt na elke keuze korte feedback: wat je keuze oplevert, wat ze kost en wat de ander hoorde.',
    bullets: [
      'Kies een oefening en speel hem als ambtenaar of als bestuurder.',
      'Na afloop krijg je een persoonlijk profiel met een tip voor je dagelijkse werk.',
      'Speel dezelfde casus daarna vanuit de andere rol: dat is perspectiefwisseling.',
    ],
    commands: 'Typ altijd: help, oefeningen, status, opnieuw, stop of mijn resultaten.',
    catalogue: 'Oefeningen bekijken',
    results: 'Mijn resultaten',
  },
  catalogue: {
    title: 'Oefeningen',
    shown: (n: number, total: number) => (n === total ? `${n} oefening${n === 1 ? '' : 'en'}` : `${n} van ${total} oefeningen`),
    level: 'Bestuurslaag',
    theme: 'Thema',
    all: 'Alle',
    filter: 'Toon',
    none: 'Geen oefeningen met dit filter. Kies "Alle" om alles te zien.',
    playAs: (p: string) => `Speel als ${p}`,
    minutes: (m: number) => `${m} min`,
  },
  perspective: { ambtenaar: 'ambtenaar', bestuurder: 'bestuurder' },
  levels: { gemeente: 'gemeente', provincie: 'provincie', rijk: 'rijk', waterschap: 'waterschap' },
  moment: {
    progress: (step: number, steps: number, p: string) => `Moment ${step} van ${steps} · jij bent de ${p}`,
    roles: (you: string, name: string, fn: string) => `Jij: ${you}. Tegenover je: ${name}, ${fn}.`,
    question: 'Wat doe je?',
  },
  feedback: {
    yourChoice: 'Jouw keuze',
    otherSide: (name: string) => `Wat ${name} hoorde en dacht`,
    continue: 'Verder',
    toSummary: 'Naar je samenvatting',
  },
  summary: {
    title: 'Jouw samenvatting',
    subtitle: (title: string, p: string) => `${title} · als ${p}`,
    strongest: 'Sterkst',
    weakest: 'Om aan te werken',
    tip: 'Tip voor je dagelijkse werk',
    reflection: 'Om over na te denken',
    another: 'Andere oefening',
    results: 'Mijn resultaten',
    playOther: (p: string) => `Speel nu als ${p}`,
  },
  results: {
    title: 'Mijn resultaten',
    intro: (n: number) => (n === 0 ? 'Je hebt nog geen oefening afgerond. Kies er een om te beginnen.' : `${n} afgeronde oefening${n === 1 ? '' : 'en'}. Alleen jij ziet dit.`),
    profile: 'Je profiel (gemiddeld over al je oefeningen)',
    history: 'Afgerond',
    catalogue: 'Oefeningen bekijken',
    trend: (score: number, delta: number | undefined) => (delta === undefined ? `${score}` : `${score} (${delta >= 0 ? '+' : ''}${delta})`),
    what: (title: string, p: string) => `${title} (als ${p})`,
  },
  replies: {
    stopped: (title: string) => `Oké, ik heb "${title}" gestopt. Typ "oefeningen" om iets anders te kiezen.`,
    nothingToStop: 'Je bent nu niet met een oefening bezig. Typ "oefeningen" om er een te kiezen.',
    nothingToRestart: 'Er is geen oefening om opnieuw te beginnen. Typ "oefeningen" om er een te kiezen.',
    replaced: (title: string) => `Je vorige oefening ("${title}") is gestopt; we beginnen met de nieuwe.`,
    status: (title: string, p: string, step: number, steps: number) => `Je bent bezig met "${title}" als ${p}: moment ${step} van ${steps}. Kies op de laatste kaart, of typ "stop" om te stoppen.`,
    statusFeedback: (title: string) => `Je bent bezig met "${title}". Druk op "Verder" onder de laatste feedback om door te gaan.`,
    statusIdle: 'Je bent nu niet met een oefening bezig. Typ "oefeningen" om er een te kiezen.',
    hintChoose: 'Kies een van de knoppen op de kaart hierboven. Typ "help" voor wat je verder kunt doen.',
    hintContinue: 'Druk op "Verder" onder de feedback hierboven om door te gaan, of typ "help".',
    unknownText: 'Dat begrijp ik niet. Typ "oefeningen" om te beginnen, of "help" voor wat ik kan.',
    staleCard: 'Die kaart hoort bij een eerder moment; er is niets veranderd. Ga verder op de laatste kaart.',
    finishedCard: 'Die oefening is al afgerond of gestopt; er is niets veranderd. Typ "oefeningen" voor een nieuwe.',
    alreadyChosen: 'Je hebt bij dit moment al gekozen; je keuze blijft staan. Ga verder op de laatste kaart.',
    badPayload: 'Die knop herken ik niet; er is niets veranderd. Typ "help" als je vastzit.',
    unknownExercise: 'Die oefening bestaat niet (meer). Typ "oefeningen" voor wat er nu is.',
    groupOnly1to1: 'Oefenen doe je met mij in een persoonlijke chat. Groepsoefeningen in een kanaal komen binnenkort.',
    error: 'Sorry, er ging bij mij iets mis. Je resultaten zijn bewaard; typ "oefeningen" om verder te gaan.',
    conflict: 'Je klikte net twee keer tegelijk; ik heb de eerste klik verwerkt. Ga verder op de laatste kaart.',
  },
};

export type Strings = typeof nl;

const en: Strings = {
  welcome: {
    title: 'Welcome to Samenspel',
    intro:
      'Practise political-administrative sensitivity: the collaboration between civil servants and administrators. You play a recognisable situation, choose what you would do, and get short feedback after each choice: what it gains, what it costs and what the other side heard.',
    bullets: [
      'Pick an exercise and play it as the civil servant (ambtenaar) or the administrator (bestuurder).',
      'At the end you get a personal profile with a tip for your daily work.',
      'Then play the same case from the other role: that is perspective taking.',
    ],
    commands: 'You can always type: help, exercises, status, restart, stop or my results.',
    catalogue: 'Browse exercises',
    results: 'My results',
  },
  catalogue: {
    title: 'Exercises',
    shown: (n, total) => (n === total ? `${n} exercise${n === 1 ? '' : 's'}` : `${n} of ${total} exercises`),
    level: 'Level of government',
    theme: 'Theme',
    all: 'All',
    filter: 'Show',
    none: 'No exercises match this filter. Choose "All" to see everything.',
    playAs: (p) => `Play as ${p}`,
    minutes: (m) => `${m} min`,
  },
  perspective: { ambtenaar: 'civil servant', bestuurder: 'administrator' },
  levels: { gemeente: 'municipality', provincie: 'province', rijk: 'central government', waterschap: 'water authority' },
  moment: {
    progress: (step, steps, p) => `Moment ${step} of ${steps} · you are the ${p}`,
    roles: (you, name, fn) => `You: ${you}. Opposite you: ${name}, ${fn}.`,
    question: 'What do you do?',
  },
  feedback: {
    yourChoice: 'Your choice',
    otherSide: (name) => `What ${name} heard and thought`,
    continue: 'Continue',
    toSummary: 'To your summary',
  },
  summary: {
    title: 'Your summary',
    subtitle: (title, p) => `${title} · as ${p}`,
    strongest: 'Strongest',
    weakest: 'To work on',
    tip: 'A tip for your daily work',
    reflection: 'To reflect on',
    another: 'Another exercise',
    results: 'My results',
    playOther: (p) => `Now play as ${p}`,
  },
  results: {
    title: 'My results',
    intro: (n) => (n === 0 ? 'You have not finished an exercise yet. Pick one to start.' : `${n} finished exercise${n === 1 ? '' : 's'}. Only you can see this.`),
    profile: 'Your profile (average over all your exercises)',
    history: 'Finished',
    catalogue: 'Browse exercises',
    trend: (score, delta) => (delta === undefined ? `${score}` : `${score} (${delta >= 0 ? '+' : ''}${delta})`),
    what: (title, p) => `${title} (as ${p})`,
  },
  replies: {
    stopped: (title) => `OK, I stopped "${title}". Type "exercises" to pick something else.`,
    nothingToStop: 'You are not in an exercise right now. Type "exercises" to pick one.',
    nothingToRestart: 'There is no exercise to restart. Type "exercises" to pick one.',
    replaced: (title) => `Your previous exercise ("${title}") was stopped; starting the new one.`,
    status: (title, p, step, steps) => `You are playing "${title}" as ${p}: moment ${step} of ${steps}. Choose on the latest card, or type "stop".`,
    statusFeedback: (title) => `You are playing "${title}". Press "Continue" under the latest feedback to go on.`,
    statusIdle: 'You are not in an exercise right now. Type "exercises" to pick one.',
    hintChoose: 'Choose one of the buttons on the card above. Type "help" to see what else you can do.',
    hintContinue: 'Press "Continue" under the feedback above to go on, or type "help".',
    unknownText: 'I did not understand that. Type "exercises" to start, or "help" to see what I can do.',
    staleCard: 'That card belongs to an earlier moment; nothing has changed. Continue on the latest card.',
    finishedCard: 'That exercise has already finished or was stopped; nothing has changed. Type "exercises" for a new one.',
    alreadyChosen: 'You already chose at this moment; your choice stands. Continue on the latest card.',
    badPayload: 'I do not recognise that button; nothing has changed. Type "help" if you are stuck.',
    unknownExercise: 'That exercise does not exist (any more). Type "exercises" to see what is available.',
    groupOnly1to1: 'Practice happens with me in a personal chat. Group exercises in a channel are coming soon.',
    error: 'Sorry, something went wrong on my side. Your results are safe; type "exercises" to continue.',
    conflict: 'You clicked twice at once; I handled the first click. Continue on the latest card.',
  },
};

export function strings(lang: Lang): Strings {
  return lang === 'en' ? en : nl;
}
