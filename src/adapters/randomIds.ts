import { randomBytes } from 'node:crypto';
import type { Ids } from '../ports/ids.js';

/** 128 random bits: a session id is the key to a conversation over the JSON API, so no id may be guessable. */
export const randomIds: Ids = { next: (prefix = 'id') => `${prefix}_${randomBytes(16).toString('base64url')}` };
