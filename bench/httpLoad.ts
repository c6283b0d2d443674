import autocannon from 'autocannon';
import { conversationScript } from './conversationScript.js';

/**
 * The load generator of bench/http.ts, in its own process so that it does not share the server's event loop.
 * Each connection plays one person after another: a question, a binding form filled one slot per turn with a
 * digression in the middle, then a new session. Prints autocannon's result as one JSON line.
 * Usage: node --import tsx bench/httpLoad.ts <baseUrl> <seconds> <connections>
 */

const [url = '', seconds = '10', connections = '32', addresses = 'one'] = process.argv.slice(2);
/**
 * `people`: each person comes from an address of their own, as many people behind a reverse proxy do (the server is
 * told to believe X-Forwarded-For); otherwise every request shares the load generator's one address and its allowance.
 */
const addressPerPerson = addresses === 'people';
let people = 0;


/** autocannon keeps one context per connection and clears it after the last request of the list: one person. */
type Person = { sessionId?: string; address?: string };

const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  requests: conversationScript.map((text) => ({
    method: 'POST',
    path: '/api/v1/chat',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request, context) => {
      const person = context as Person;
      const { sessionId } = person;
      const body = sessionId === undefined ? { text, region: '210200' } : { sessionId, text };
      if (!addressPerPerson) return { ...request, body: JSON.stringify(body) };
      if (sessionId === undefined || person.address === undefined) {
        people += 1;
        person.address = `10.${(people >> 16) & 255}.${(people >> 8) & 255}.${people & 255}`;
      }
      return { ...request, headers: { ...request.headers, 'x-forwarded-for': person.address }, body: JSON.stringify(body) };
    },
    onResponse: (status, body, context) => {
      const person = context as Person;
      person.sessionId = status === 200 ? (JSON.parse(body) as { sessionId: string }).sessionId : undefined;
    },
  })),
});

process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
