/**
 * The report page's HTTP routes on the bot's own server (no Teams login: the signed link is the
 * key). GET /report/:session (HTML), GET /report/:session/figures.csv, GET /report-assets/:name.
 * A link that is malformed, tampered, expired, for another session or another facilitator gets
 * 403 and a page that shows nothing of any session.
 */
import fs from 'node:fs';
import path from 'node:path';
import Negotiator from 'negotiator';
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Library } from '../content/library';
import type { Lang } from '../i18n';
import { PROJECT_ROOT } from '../paths';
import type { FollowupStore, GroupStore } from '../store/types';
import { reportCsv } from './csv';
import { reportFigures, type ReportFigures } from './figures';
import { facilitatorTag, verifyLink } from './link';
import { ASSET_PATH, forbiddenPage, reportPage } from './page';

const PUBLIC = path.join(PROJECT_ROOT, 'src', 'report', 'public');
/** Chart.js (MIT) from node_modules: the IT department hosts the bot, so nothing comes from a CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'chart.umd.min.js': { file: path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), type: 'text/javascript; charset=utf-8' },
  'report.js': { file: path.join(PUBLIC, 'report.js'), type: 'text/javascript; charset=utf-8' },
  'report.css': { file: path.join(PUBLIC, 'report.css'), type: 'text/css; charset=utf-8' },
};

/** Only this page's own scripts and styles; no frames, no form posts, no referrer (the URL is a key). */
const HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
};

export interface ReportDeps {
  key: Buffer;
  library: Library;
  groups: GroupStore;
  followup: FollowupStore;
  minGroup: number;
  /** Dates on the page are shown in this zone (DEFAULT_TIMEZONE). */
  zone: string;
  now: () => Date;
  log: Logger;
}

/** ?lang=en|nl from the link (the facilitator's language in Teams), else the browser's Accept-Language, else Dutch. */
export function pageLanguage(req: restify.Request, query: URLSearchParams): Lang {
  const asked = query.get('lang');
  if (asked === 'en' || asked === 'nl') return asked;
  return new Negotiator(req).language(['nl', 'en']) === 'en' ? 'en' : 'nl';
}

function send(res: restify.Response, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

/** The figures a valid link opens, or undefined (then 403). Refusals are logged without the link. */
async function figuresFor(deps: ReportDeps, sessionId: string, query: URLSearchParams): Promise<ReportFigures | undefined> {
  const check = verifyLink(deps.key, sessionId, Object.fromEntries(query), deps.now());
  if (!check.ok) {
    deps.log.info({ reason: check.reason }, 'report link refused');
    return undefined;
  }
  const session = await deps.groups.get(sessionId);
  if (!session || facilitatorTag(deps.key, session.facilitatorId) !== check.link.by) {
    deps.log.info({ reason: session ? 'facilitator' : 'session' }, 'report link refused');
    return undefined;
  }
  const series = await deps.followup.latestSeries({ facilitatorId: session.facilitatorId, groupSessionId: session.id });
  const followup = series && {
    series,
    enrolled: (await deps.followup.report(series.id)).enrolled,
    deliveries: await deps.followup.microDeliveries(series.id),
  };
  return reportFigures(deps.library, session, await deps.groups.votes(session.id), deps.minGroup, followup);
}

export function registerReportRoutes(server: restify.Server, deps: ReportDeps): void {
  server.get('/report/:sessionId', async (req, res) => {
    const query = new URLSearchParams(req.getQuery());
    const lang = pageLanguage(req, query);
    const figures = await figuresFor(deps, String(req.params.sessionId), query);
    if (!figures) return send(res, 403, 'text/html; charset=utf-8', forbiddenPage(lang));
    const csv = `/report/${encodeURIComponent(String(req.params.sessionId))}/figures.csv?${query.toString()}`;
    send(res, 200, 'text/html; charset=utf-8', reportPage(lang, figures, csv, deps.zone));
  });

  server.get('/report/:sessionId/figures.csv', async (req, res) => {
    const query = new URLSearchParams(req.getQuery());
    const lang = pageLanguage(req, query);
    const figures = await figuresFor(deps, String(req.params.sessionId), query);
    if (!figures) return send(res, 403, 'text/html; charset=utf-8', forbiddenPage(lang));
    const day = figures.date.toISOString().slice(0, 10);
    send(res, 200, 'text/csv; charset=utf-8', reportCsv(lang, figures), { 'content-disposition': `attachment; filename="samenspel-${lang === 'en' ? 'report' : 'rapport'}-${day}.csv"` });
  });

  server.get(`${ASSET_PATH}/:name`, (req, res, next) => {
    const asset = ASSETS[String(req.params.name)];
    // Unchanged for the life of this process (the bot is redeployed to change them).
    if (!asset) send(res, 404, 'text/plain; charset=utf-8', 'not found');
    else send(res, 200, asset.type, fs.readFileSync(asset.file), { 'cache-control': 'public, max-age=3600' });
    next();
  });
}
