/**
 * Starts the trainer studio on http://127.0.0.1:3980 (STUDIO_HOST, STUDIO_PORT) over
 * the content the bot would play (CONTENT_DIR, CONTENT_PACKS). No Teams, no bot registration,
 * no database. A bad setting stops start-up naming the variable and the reason.
 */
import { readStudioConfig } from './config';
import { createStudioServer } from './server';
import { Workspace } from './workspace';

export async function startStudio(env: NodeJS.ProcessEnv): Promise<{ url: string; loopback: boolean; close: () => Promise<void> }> {
  const config = readStudioConfig(env);
  const workspace = new Workspace(config.contentDir, config.packs);
  // A watcher failure (e.g. too many files for inotify) leaves the pages working but stale: say so.
  workspace.on('watch-error', (error: unknown) => console.error(`The studio cannot watch ${config.contentDir} for changes: ${String(error)}. Reload the page by hand.`));
  await workspace.watch();
  const server = createStudioServer(workspace);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${address.port}/`;
  return {
    url,
    loopback: config.loopback,
    close: async () => {
      await workspace.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

