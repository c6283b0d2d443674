import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { maskPhone } from '../../domain/index.js';
import { say } from '../../engine/render.js';
import { countingIds, createLocalAssistant } from '../../server/createLocalAssistant.js';
import { loadEngineContext } from '../../server/loadEngineContext.js';
import { numberedQuickReplies, pickQuickReply } from './quickReplyNumbers.js';

/**
 * `npm run chat`: a readline chat on the same engine, runner and back-end rules as the web, all in memory —
 * for developers and for hotline staff trying wording. The first argument may name a region code (e.g. 210200).
 */
const rootDir = fileURLToPath(new URL('../../../', import.meta.url));
const context = await loadEngineContext(rootDir);
const region = process.argv[2];
const { service } = await createLocalAssistant({
  context,
  clock: { now: () => new Date() },
  ids: countingIds(),
  reviewDelayMs: 0,
  seedDemo: true,
  // The back end's SMS stand-in: the one-time code shows here, as it would on the person's phone.
  onSms: (message) => console.log(`\n${say(context.content, 'terminal.sms', { phone: maskPhone(message.phone) })}${message.text}`),
});
const opened = await service.open(region ? { region } : {});
if (!opened.ok) {
  console.error(opened.message);
  process.exit(1);
}
const assistant = say(context.content, 'terminal.assistant');
const numbered = (number: number, title: string) => say(context.content, 'terminal.quickReply', { number: String(number), title });
/** The quick replies of the latest message: typing one's number picks it. */
let offered: string[] = [];
const show = (text: string, quickReplies: string[] = []) => {
  console.log(`\n${assistant}${text}`);
  offered = quickReplies;
  if (quickReplies.length > 0) console.log(numberedQuickReplies(quickReplies, numbered));
};
for (const entry of opened.transcript) show(entry.text, entry.quickReplies);
service.subscribe(opened.sessionId, (entry) => show(entry.text, entry.quickReplies));

const readline = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
const prompt = say(context.content, 'terminal.prompt');
readline.setPrompt(`\n${prompt}`);
readline.prompt();
for await (const line of readline) {
  const outcome = await service.chat({ sessionId: opened.sessionId, text: pickQuickReply(line, offered) });
  if (outcome.ok) for (const reply of outcome.response.replies) show(reply.text, reply.quickReplies);
  else show(outcome.message, offered);
  readline.prompt();
}
