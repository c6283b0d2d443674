import type { LowdbImport } from './lowdbImport.js';
import { sessionsAndOutboxImport } from './sessionsAndOutboxImport.js';
import { auditImport, contentImport, handoffsImport, staffImport } from './staffAndContentImports.js';

/**
 * Every store an embedded installation keeps in DATA_DIR, as `npm run data -- import-lowdb` moves them into
 * PostgreSQL, in this order. A store that gains a PostgreSQL implementation adds its entry here (see LowdbImport).
 */
export const lowdbImports: readonly LowdbImport[] = [sessionsAndOutboxImport, staffImport, auditImport, contentImport, handoffsImport];
