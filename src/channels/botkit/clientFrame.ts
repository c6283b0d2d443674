import { z } from 'zod';

/**
 * What a browser may send over the websocket. Anything else (including a `user` field naming some session) is
 * dropped here: identity comes only from the token checked on the upgrade.
 */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), text: z.string(), clientMessageId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('hello'), lastSeq: z.number().int().min(0) }),
  /** The widget checks now and then that the connection still carries frames; answered with a pong at once. */
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** Text frames arrive as strings (ws 7, under the adapter); binary frames are not part of the protocol. */
export function parseClientFrame(data: unknown): ClientFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  const parsed = ClientFrameSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
