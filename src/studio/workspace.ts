/**
 * The content the studio shows, read again whenever a file under the content folder changes.
 * Unlike the bot (src/content/library.ts) it never refuses content: problems are kept to be shown
 * on the page they concern. File watching by chokidar (well kept, the watcher mocha and many dev
 * servers use), so editors that save by rename and network folders are handled.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { loadContent, packFolders, readTailors, type LoadedPlayable } from '../content/load';
import { selectPacks } from '../content/selection';
import { tailorItem, tailorsOf, type Packs } from '../content/tailoring';
import { exerciseFigures, type ExerciseFigures } from '../content/dilemma-figures';
import type { ContentProblem } from '../content/problems';

export interface Snapshot {
  /** Increases on every reload, so a page can tell whether it is current. */
  version: number;
  items: LoadedPlayable[];
  figures: Map<string, ExerciseFigures>;
  /** Problems per file (as displayed: relative to the content folder). */
  problems: ContentProblem[];
  /** The pack files read, for filling in a client pack's values. */
  packFiles: Packs;
  /** Tailored pack → the client pack whose values the bot uses (CONTENT_PACKS); the studio's default. */
  valuesBy: Map<string, string>;
}

/**
 * The packs whose values can fill in `item`: its own, then each client pack that tailors it (issue 15).
 */
export function valueChoices(snap: Snapshot, item: LoadedPlayable): string[] {
  return [item.pack, ...tailorsOf(snap.packFiles, item.pack)];
}

/**
 * `item` with the values of `pack` when that is one of its choices; otherwise with the values the
 * bot would use (a selected client pack's, else its own).
 */
export function withValues(snap: Snapshot, item: LoadedPlayable, pack?: string | null): LoadedPlayable {
  const by = pack && valueChoices(snap, item).includes(pack) ? pack : (snap.valuesBy.get(item.pack) ?? item.pack);
  return by === item.pack ? item : tailorItem(item, snap.packFiles, by);
}

/** How long to wait for an editor's burst of writes to settle before reading again (ms). */
const SETTLE_MS = 80;

export class Workspace extends EventEmitter {
  private current: Snapshot;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  constructor(private readonly root: string, private readonly packs: string[]) {
    super();
    // Every open page listens for changes; dozens of tabs are normal, not a leak.
    this.setMaxListeners(0);
    this.current = this.read(0);
  }

  get snapshot(): Snapshot {
    return this.current;
  }

  /** The problems of one file, in file order. */
  problemsOf(file: string): ContentProblem[] {
    return this.current.problems.filter((p) => p.file === file);
  }

  /** Starts watching; emits 'change' with the new snapshot after each reload. */
  async watch(): Promise<void> {
    this.watcher = watch(this.root, { ignoreInitial: true, awaitWriteFinish: false });
    this.watcher.on('all', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), SETTLE_MS);
    });
    this.watcher.on('error', (error) => this.emit('watch-error', error));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  reload(): void {
    this.current = this.read(this.current.version + 1);
    this.emit('change', this.current);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private read(version: number): Snapshot {
    const root = path.resolve(this.root);
    const problems: ContentProblem[] = [];
    const available = packFolders(root);
    const tailors = readTailors(root, available);
    // The packs the bot would play (src/content/selection.ts), and, for the pack chooser, every
    // client pack of those: a trainer previews a client pack before selecting it for the bot.
    const selection = selectPacks(available, tailors, this.packs);
    problems.push(...selection.problems.map((message) => ({ file: 'CONTENT_PACKS', path: [], message: message.replace(/^CONTENT_PACKS /, '') })));
    const clients = [...tailors].filter(([, base]) => selection.load.includes(base)).map(([client]) => client);
    const read = [...new Set([...selection.load, ...clients])];
    const everything = this.packs.length === 0 && tailors.size === 0;
    const result = fs.existsSync(root)
      ? loadContent({ root, packs: everything ? undefined : read, display: (f) => path.relative(root, f) })
      : { items: [], problems: [{ file: root, path: [], message: 'does not exist: set CONTENT_DIR to the content folder' }], packFiles: new Map() };
    problems.push(...result.problems);
    const items = everything ? result.items : result.items.filter((i) => selection.load.includes(i.pack));
    const figures = new Map(items.map((i) => [i.exercise.id, exerciseFigures(i.exercise)]));
    return { version, items, figures, problems, packFiles: result.packFiles, valuesBy: selection.valuesBy };
  }
}
