/** Renders an exercise as plain text, so a trainer or reviewer can read it start to finish. */
import { PERSPECTIVES } from './schema';
import type { LoadedPlayable } from './load';
import { successor } from '../engine/flow';

export function printPlayable(item: LoadedPlayable): string {
  const ex = item.exercise;
  const out: string[] = [];
  const names = new Map(item.dimensions.map((d) => [d.id, d.name.nl]));
  out.push(`${ex.title}  [${ex.id}]`, ex.summary);
  out.push(`${ex.minutes} min · ${ex.tags.level}${ex.difficulty ? ` · ${ex.difficulty}` : ''} · thema: ${ex.tags.theme.join(', ')} · pack: ${item.pack}${item.valuesFrom !== item.pack ? ` · met de waarden van ${item.valuesFrom}` : ''}`);
  out.push(`Dimensies: ${ex.dimensions.map((d) => names.get(d) ?? d).join(', ')}`);
  if ('word' in ex && ex.word) out.push(`Woord: ${ex.word}`);
  if (ex.trainerNotes) {
    out.push('', 'Voor de trainer', `  Achtergrond: ${ex.trainerNotes.background}`);
    ex.trainerNotes.disputed.forEach((d) => out.push(`  Omstreden: ${d}`));
    ex.trainerNotes.debriefQuestions.forEach((q) => out.push(`  Nabespreking casus: ${q}`));
  }

  for (const perspective of PERSPECTIVES) {
    const script = ex.perspectives[perspective];
    if (!script) continue;
    out.push('', `=== Jij speelt de ${perspective}: ${script.you} ===`);
    out.push(`Tegenover je: ${script.counterpart.name}, ${script.counterpart.function}`, '', script.briefing);
    script.moments.forEach((moment, i) => {
      out.push('', `--- ${i + 1}. ${moment.id}${moment.branch ? ' (vertakking)' : ''}${moment.easy ? ' (makkelijk moment)' : ''} ---`);
      out.push(`${script.counterpart.name}: ${moment.says}`);
      if (moment.context) out.push(`(${moment.context})`);
      moment.choices.forEach((choice, c) => {
        const effects = Object.entries(choice.effects).map(([d, v]) => `${names.get(d) ?? d} ${v > 0 ? '+' : ''}${v}`);
        out.push('', `  ${String.fromCharCode(65 + c)}. ${choice.label}`);
        out.push(`     Feedback: ${choice.feedback}`);
        out.push(`     De ander: ${choice.otherSide}`);
        out.push(`     Effect: ${effects.join(', ') || 'geen'} → ${successor(script.moments, i, choice)}`);
      });
    });
    if (script.closing) {
      out.push('', 'Afsluiting');
      for (const [dim, tip] of Object.entries(script.closing.tips)) out.push(`  Tip bij ${names.get(dim) ?? dim}: ${tip}`);
      out.push(`  Reflectie: ${script.closing.reflection}`);
      script.closing.debrief.forEach((q) => out.push(`  Nabespreking: ${q}`));
    }
  }
  return out.join('\n');
}
