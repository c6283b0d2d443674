import { maskPhone } from '../domain/index.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../server/logger.js';

export type SmsMessage = { phone: string; text: string; sentAt: string };

/** Per phone, only the latest messages are kept: enough for a demo or a test to read the code just sent. */
const keptPerPhone = 50;

/**
 * The stub's stand-in for an SMS gateway: it "sends" by logging the text (phone masked) and keeping it, so a demo
 * reads the code from the log or from GET /api/v1/sms-outbox, and a test from `messagesTo`.
 */
export function createSmsOutbox(options: { clock: Clock; logger: Logger; onSend?: (message: SmsMessage) => void }) {
  const sent = new Map<string, SmsMessage[]>();
  let latest: SmsMessage[] = [];
  return {
    send(phone: string, text: string): void {
      const message: SmsMessage = { phone, text, sentAt: options.clock.now().toISOString() };
      sent.set(phone, [...(sent.get(phone) ?? []), message].slice(-keptPerPhone));
      latest = [...latest, message].slice(-keptPerPhone);
      options.logger.info('sms sent', { phone: maskPhone(phone), text });
      options.onSend?.(message);
    },
    /** Oldest first. */
    messagesTo(phone: string): SmsMessage[] {
      return [...(sent.get(phone) ?? [])];
    },
    /** The latest messages to any phone, oldest first (the terminal and transcript tests). */
    sent(): SmsMessage[] {
      return [...latest];
    },
  };
}
export type SmsOutbox = ReturnType<typeof createSmsOutbox>;
