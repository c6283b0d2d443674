import { randomBytes } from 'node:crypto';

/** A session or CSRF token: 32 random bytes, URL-safe. */
export const newStaffSessionToken = (): string => randomBytes(32).toString('base64url');
