/**
 * The baseline for npm run bench: a bare echo bot on the same stack as Samenspel (restify,
 * CloudAdapter, ConversationState over the same store: SQLite, or PostgreSQL with DATABASE_URL), so the benchmark can say what
 * an exercise turn costs on top of the framework.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import { StateStoreStorage } from '../../src/bot/storage';
import { readConfig } from '../../src/config';
import { openStore, storeOptionsOf } from '../../src/store/sql';

async function main(): Promise<void> {
  const store = await openStore(storeOptionsOf(readConfig({ DATA_DIR: './data-echo', ...process.env })));
  const state = new ConversationState(new StateStoreStorage(store.state));
  const turns = state.createProperty<number>('turns');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

  class EchoBot extends ActivityHandler {
    constructor() {
      super();
      this.onMessage(async (context, next) => {
        await turns.set(context, (await turns.get(context, 0)) + 1);
        await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
        await next();
      });
    }
    override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
      await super.run(context);
      await state.saveChanges(context);
    }
  }
  const bot = new EchoBot();
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
  process.once('SIGTERM', () => server.close(() => void store.close().then(() => process.exit(0))));
}

void main();
