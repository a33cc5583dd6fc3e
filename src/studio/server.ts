/**
 * The studio's web server (restify, the server the bot already uses): the overview, one page per
 * exercise and perspective, the browser assets, and /events, a server-sent-events stream that
 * tells open pages to reload when the content changes. Read-only: nothing is written anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import Negotiator from 'negotiator';
import restify from 'restify';
import { loadCardTemplates } from '../cards/render';
import { CardViews } from '../cards/views';
import { PERSPECTIVES, type Perspective } from '../content/schema';
import type { Lang } from '../i18n';
import { PROJECT_ROOT } from '../paths';
import { comparePage } from './compare-page';
import { exercisePage, notFoundPage } from './exercise-page';
import { overviewPage } from './overview-page';
import { storyboard } from './storyboard';
import { withValues, type Snapshot, type Workspace } from './workspace';

/** The pack chosen in the pack chooser (`?pack=`), if any. */
function packParam(req: restify.Request): string | null {
  return new URL(req.url ?? '/', 'http://studio').searchParams.get('pack');
}

const PUBLIC = path.join(PROJECT_ROOT, 'src', 'studio', 'public');
const ASSETS: Record<string, { file: string; type: string }> = {
  'adaptivecards.min.js': { file: require.resolve('adaptivecards/dist/adaptivecards.min.js'), type: 'text/javascript' },
  'markdown-it.min.js': { file: require.resolve('markdown-it/dist/markdown-it.min.js'), type: 'text/javascript' },
  'studio.js': { file: path.join(PUBLIC, 'studio.js'), type: 'text/javascript' },
  'studio.css': { file: path.join(PUBLIC, 'studio.css'), type: 'text/css' },
  'host-config-light.json': { file: path.join(PUBLIC, 'host-config-light.json'), type: 'application/json' },
  'host-config-dark.json': { file: path.join(PUBLIC, 'host-config-dark.json'), type: 'application/json' },
};

/** Dutch unless the browser prefers English (Accept-Language, negotiated by negotiator). */
export function languageOf(req: { headers: Record<string, string | string[] | undefined> }): Lang {
  return new Negotiator(req).language(['nl', 'en']) === 'en' ? 'en' : 'nl';
}

function send(res: restify.Response, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** The exercise a page's `:id` names, with the values of the pack the page asks for; undefined when unknown. */
function exerciseOf(req: restify.Request, snap: Snapshot) {
  const found = snap.items.find((i) => i.exercise.id === req.params.id);
  return found && withValues(snap, found, packParam(req));
}

export function createStudioServer(workspace: Workspace): restify.Server {
  const server = restify.createServer({ name: 'samenspel-studio', handleUncaughtExceptions: false });
  const views = new CardViews(loadCardTemplates());

  server.get('/', (req, res, next) => {
    send(res, 200, 'text/html; charset=utf-8', overviewPage(languageOf(req), workspace.snapshot, packParam(req)));
    next();
  });

  server.get('/exercise/:id/:perspective', (req, res, next) => {
    const lang = languageOf(req);
    const snap = workspace.snapshot;
    const item = exerciseOf(req, snap);
    const perspective = PERSPECTIVES.find((p) => p === req.params.perspective) as Perspective | undefined;
    const board = item && perspective && storyboard(item, perspective, lang, views, snap.figures.get(item.exercise.id)?.moments ?? []);
    if (!item || !board) send(res, 404, 'text/html; charset=utf-8', notFoundPage(lang, snap.version));
    else send(res, 200, 'text/html; charset=utf-8', exercisePage(lang, snap, item, board, workspace.problemsOf(item.file)));
    next();
  });

  server.get('/compare/:id', (req, res, next) => {
    const lang = languageOf(req);
    const snap = workspace.snapshot;
    const item = exerciseOf(req, snap);
    const figures = item ? (snap.figures.get(item.exercise.id)?.moments ?? []) : [];
    const boards = item ? PERSPECTIVES.flatMap((p) => storyboard(item, p, lang, views, figures) ?? []) : [];
    if (!item || boards.length === 0) send(res, 404, 'text/html; charset=utf-8', notFoundPage(lang, snap.version));
    else send(res, 200, 'text/html; charset=utf-8', comparePage(lang, snap, item, boards, workspace.problemsOf(item.file)));
    next();
  });

  server.get('/assets/:name', (req, res, next) => {
    const asset = ASSETS[String(req.params.name)];
    if (!asset) send(res, 404, 'text/plain', 'not found');
    else send(res, 200, asset.type, fs.readFileSync(asset.file));
    next();
  });

  // Server-sent events: the current version on connect and after every reload of the content.
  server.get('/events', (req, res, next) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const tell = () => res.write(`data: ${workspace.snapshot.version}\n\n`);
    tell();
    workspace.on('change', tell);
    req.on('close', () => {
      workspace.off('change', tell);
      next();
    });
  });

  return server;
}
