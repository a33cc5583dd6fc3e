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
  body: Record<string, any>;
  receivedAt: Date;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
}

export class LocalConnector {
  readonly sent: SentActivity[] = [];
  /** Rosters by conversation or team id, for TeamsInfo.getPagedMembers. */
  readonly members = new Map<string, Member[]>();
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
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!match) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const id = `act-${++this.counter}`;
      this.sent.push({
        conversationId: decodeURIComponent(match[1]!),
        method: req.method ?? 'POST',
        activityId: match[2] && decodeURIComponent(match[2]),
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
