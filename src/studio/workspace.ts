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
import { loadContent, type LoadedPlayable } from '../content/load';
import { exerciseFigures, type ExerciseFigures } from '../content/dilemma-figures';
import type { ContentProblem } from '../content/problems';

export interface Snapshot {
  /** Increases on every reload, so a page can tell whether it is current. */
  version: number;
  items: LoadedPlayable[];
  figures: Map<string, ExerciseFigures>;
  /** Problems per file (as displayed: relative to the content folder). */
  problems: ContentProblem[];
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
    const available = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
    const unknown = this.packs.filter((p) => !available.includes(p));
    if (unknown.length > 0) {
      problems.push({ file: 'CONTENT_PACKS', path: [], message: `names unknown pack(s) ${unknown.join(', ')}: available are ${available.join(', ')}` });
    }
    const packs = this.packs.filter((p) => available.includes(p));
    const result = fs.existsSync(root)
      ? loadContent({ root, packs: this.packs.length > 0 ? packs : undefined, display: (f) => path.relative(root, f) })
      : { items: [], problems: [{ file: root, path: [], message: 'does not exist: set CONTENT_DIR to the content folder' }] };
    problems.push(...result.problems);
    const figures = new Map(result.items.map((i) => [i.exercise.id, exerciseFigures(i.exercise)]));
    return { version, items: result.items, figures, problems };
  }
}
