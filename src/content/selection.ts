/**
 * Which packs CONTENT_PACKS selects, and whose values each exercise gets (issue 15). The rule
 * (README, Tailoring a case to a client):
 *
 * - A client pack (one with `tailors:` in its pack.yaml) is played only when CONTENT_PACKS names
 *   it: an empty CONTENT_PACKS means every pack *except* client packs, so one client's names never
 *   reach every participant.
 * - Naming a client pack offers the pack it tailors with the client's values, once, under the
 *   same exercise ids (no duplicate in the catalogue; runs and results stay comparable). Naming
 *   the tailored pack as well changes nothing; the client's values win.
 * - Two client packs that tailor the same pack cannot be selected together (whose names would a
 *   participant see?): start-up stops and names both.
 */

export interface Selection {
  /** The packs whose files are read: the selected ones and the packs they tailor. */
  load: string[];
  /** Tailored pack → the selected client pack whose values fill in its exercises. */
  valuesBy: Map<string, string>;
  /** What is wrong with the selection, as the start-up message says it. */
  problems: string[];
}

/**
 * @param available the pack folders under CONTENT_DIR
 * @param tailors   client pack → the pack it tailors (from the pack files)
 * @param requested CONTENT_PACKS (empty = all packs but client packs)
 */
export function selectPacks(available: readonly string[], tailors: ReadonlyMap<string, string>, requested: readonly string[]): Selection {
  const problems: string[] = [];
  const unknown = requested.filter((p) => !available.includes(p));
  if (unknown.length > 0) problems.push(`CONTENT_PACKS names unknown pack(s) ${unknown.join(', ')}: available are ${available.join(', ')}`);
  const selected = requested.length > 0 ? requested.filter((p) => available.includes(p)) : available.filter((p) => !tailors.has(p));
  const valuesBy = new Map<string, string>();
  for (const client of selected.filter((p) => tailors.has(p))) {
    const base = tailors.get(client)!;
    const other = valuesBy.get(base);
    if (other) problems.push(`CONTENT_PACKS selects ${other} and ${client}, which both tailor ${base}: select one of them`);
    else valuesBy.set(base, client);
  }
  const bases = [...valuesBy.keys()].filter((b) => available.includes(b));
  return { load: [...new Set([...selected, ...bases])], valuesBy, problems };
}
