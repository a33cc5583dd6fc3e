/**
 * A small local Bot Framework connector: the bot posts its replies here (the activity's
 * serviceUrl), and tests read them as a transcript.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  method: string;
  activityId?: string;
  /** The message id this connector answered with (what the bot later updates, and Teams sends as replyToId). */
  id: string;
  body: Record<string, any>;
  receivedAt: Date;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
  /** Their Teams client's locale, when it differs from the channel's default. */
  locale?: string;
}

export class LocalConnector {
  readonly sent: SentActivity[] = [];
  /** Rosters by conversation or team id, for TeamsInfo.getPagedMembers. */
  readonly members = new Map<string, Member[]>();
  /** 1:1 conversations the bot created (POST /v3/conversations), by member id. */
  readonly created = new Map<string, string>();
  /** Failure injection: return a status (and headers) to answer a request with instead of 200. */
  fail?: (request: { method: string; conversationId: string; memberId?: string }) => { status: number; headers?: Record<string, string> } | undefined;
  private server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(res: http.ServerResponse, failure: { status: number; headers?: Record<string, string> }): void {
    res.statusCode = failure.status;
    for (const [k, v] of Object.entries(failure.headers ?? {})) res.setHeader(k, v);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: { code: String(failure.status), message: 'injected by the test connector' } }));
  }

  /** Messages the bot sent into a 1:1 conversation it created for `memberId`. */
  toMember(memberId: string): SentActivity[] {
    const conversation = this.created.get(memberId);
    return conversation ? this.sent.filter((s) => s.conversationId === conversation && s.method === 'POST') : [];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const roster = /^\/v3\/conversations\/([^/]+)\/pagedmembers/.exec(req.url ?? '');
      if (roster) {
        const members = this.members.get(decodeURIComponent(roster[1]!));
        res.statusCode = members ? 200 : 404;
        res.setHeader('content-type', 'application/json');
        res.end(members ? JSON.stringify({ members }) : '{}');
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(req.url ?? '')) {
        const params = raw ? JSON.parse(raw) : {};
        const memberId = params.members?.[0]?.id as string | undefined;
        const failure = this.fail?.({ method: 'CREATE', conversationId: '', memberId });
        if (failure) return this.answer(res, failure);
        const id = this.created.get(memberId ?? '') ?? `a:created-${++this.counter}`;
        if (memberId) this.created.set(memberId, id);
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id, activityId: `act-${++this.counter}` }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!match) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const failure = this.fail?.({ method: req.method ?? 'POST', conversationId: decodeURIComponent(match[1]!) });
      if (failure) return this.answer(res, failure);
      const id = `act-${++this.counter}`;
      this.sent.push({
        conversationId: decodeURIComponent(match[1]!),
        method: req.method ?? 'POST',
        activityId: match[2] && decodeURIComponent(match[2]),
        id,
        body: raw ? JSON.parse(raw) : {},
        receivedAt: new Date(),
      });
      // Plain statements: restify patches http.ServerResponse, so writeHead() does not chain here.
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id }));
    });
  }
}
