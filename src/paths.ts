/** The project's root folder, found from this file whether it runs from src/ (tsx) or dist/. */
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
