import { open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { formatLine, privateFileMode, readLog, type LogRecord } from '../adapters/appendLog.js';
import { createPersonalDataCipher, generateDataKey, type DataKey, type PersonalDataCipher } from '../adapters/personalDataCipher.js';
import { resealCopy, sealedCopySuffix } from '../adapters/sealedCopies.js';
import { cipherOf, installationKeyRing, keyFileOf, loadDataKeyRing, writeKeyFile, type DataKeyRing } from '../config/dataKey.js';
import { sealedColumns, sealedJsonFiles, sealedLogFiles, type SealedColumns } from './sealedStores.js';
import { withFileLock } from '../adapters/fileLock.js';
import { exists, refuseWhileOpen } from './filesInUse.js';

/** Something stops the rotation before it changed anything it cannot finish: the message says what to do. */
export class RotationRefusedError extends Error {
  override name = 'RotationRefusedError';
}

export type RotationReport = {
  /** The key everything is sealed with now. */
  keyId: string;
  /** The keys nothing is sealed with any more. */
  retiredKeyIds: string[];
  /** Records, copies and rows sealed again, by where they are. */
  resealed: Record<string, number>;
  /** What the operator does next (remove DATA_KEY_PREVIOUS, back up the new key). */
  next: string[];
};

const rowsPerPass = 500;

/**
 * Re-seals every piece of personal data under one key, keeping the old key in the ring until nothing needs it:
 * - DATA_KEY set (always with DATABASE_URL): the operator has already given every instance the new DATA_KEY and the
 *   old one in DATA_KEY_PREVIOUS; this re-seals the database's sealed columns and DATA_DIR's sealed files, then says
 *   DATA_KEY_PREVIOUS may go.
 * - The embedded default's generated key (DATA_DIR/data-key): a new key is generated and written first in the key
 *   file, ahead of the old one; the files are re-sealed; then the old key leaves the file. Interrupted, the next run
 *   finishes the same rotation (the file still holds both keys) instead of starting another.
 * Every step can run again: rows already under the new key are left alone, and a file is rewritten whole beside the
 * old one and renamed over it in one step.
 */
export async function rotateKey(options: { dataDir: string; configured: { current: string | undefined; previous: readonly string[] }; pool?: pg.Pool }): Promise<RotationReport> {
  const { dataDir, configured } = options;
  const generated = configured.current === undefined;
  await refuseWhileOpen(dataDir, sealedLogFiles, 'rotate-key');
  let ring: DataKeyRing;
  if (generated) {
    const found = await loadDataKeyRing(dataDir, { current: undefined });
    ring = found.previous.length > 0 ? found : { current: generateDataKey(), previous: [found.current] };
    // The new key is on disk, ahead of the old, before anything is sealed with it.
    await writeKeyFile(dataDir, ring);
  } else {
    ring = await installationKeyRing(dataDir, configured);
  }
  const cipher = cipherOf(ring);
  const resealed: Record<string, number> = {};
  for (const name of sealedLogFiles) {
    const count = await resealLog(path.join(dataDir, name), cipher);
    if (count !== undefined) resealed[name] = count;
  }
  for (const name of sealedJsonFiles) {
    const count = await resealJsonFile(path.join(dataDir, name), cipher);
    if (count !== undefined) resealed[name] = count;
  }
  const copies = (await readdir(dataDir).catch(() => [] as string[])).filter((name) => name.endsWith(sealedCopySuffix));
  if (copies.length > 0) {
    resealed['sealed copies'] = 0;
    for (const name of copies) if (await resealCopy(path.join(dataDir, name), cipher)) resealed['sealed copies'] += 1;
  }
  if (options.pool !== undefined) {
    for (const columns of await presentSealedColumns(options.pool)) resealed[columns.table] = await resealColumns(options.pool, cipher, columns);
  }
  await checkNothingLeft(dataDir, ring.current, options.pool);

  const next: string[] = [];
  if (generated) {
    await writeKeyFile(dataDir, { current: ring.current, previous: [] });
    next.push(`back up the new ${keyFileOf(dataDir)} now, apart from the data; the old key no longer opens anything`);
  } else {
    if (configured.previous.length > 0) next.push('remove DATA_KEY_PREVIOUS from every instance (a rolling restart); nothing is sealed with those keys any more');
    next.push('keep the backup of the new DATA_KEY; the old one no longer opens anything');
  }
  return { keyId: ring.current.id, retiredKeyIds: ring.previous.map((key) => key.id), resealed, next };
}

/**
 * Rewrites a sealed log with every record under the cipher's current key, beside it and renamed over it; returns how
 * many records were under another key (or plain), undefined when there is no such file. A log with damaged lines is
 * refused: rewriting it would drop them, and only a start sets a damaged log's copy aside.
 */
async function resealLog(file: string, cipher: PersonalDataCipher): Promise<number | undefined> {
  if (!(await exists(file))) return undefined;
  let stale = 0;
  let sealed = 0;
  const counting: PersonalDataCipher = {
    ...cipher,
    open: (text) => {
      sealed += 1;
      if (cipher.keyIdOf(text) !== cipher.keyId) stale += 1;
      return cipher.open(text);
    },
  };
  const records: LogRecord[] = [];
  const reading = await readLog(file, (header, payload) => records.push({ header, payload }), counting);
  // Records written before sealing was on are plain: they are sealed now too.
  const moved = stale + records.length - sealed;
  if (reading.damagedLines > 0) throw new RotationRefusedError(`${path.basename(file)} has ${reading.damagedLines} damaged lines: start the service once (it keeps a copy aside and repairs the log), stop it, then rotate`);
  const temporary = `${file}.resealing`;
  const output = await open(temporary, 'w', privateFileMode);
  try {
    let chunk = '';
    for (const record of records) {
      chunk += formatLine(record, true, cipher);
      if (chunk.length > 1 << 20) {
        await output.write(chunk);
        chunk = '';
      }
    }
    await output.write(chunk);
    await output.datasync();
  } finally {
    await output.close();
  }
  await rename(temporary, file);
  const directory = await open(path.dirname(file), 'r');
  await directory.sync().catch(() => undefined);
  await directory.close();
  return moved;
}

/**
 * Re-seals every sealed string of a JSON document under the cipher's current key, under the file's lock (the service
 * may be writing it); returns how many were under another key, undefined when there is no such file.
 */
async function resealJsonFile(file: string, cipher: PersonalDataCipher): Promise<number | undefined> {
  if (!(await exists(file))) return undefined;
  return withFileLock(file, async () => {
    let moved = 0;
    const document = JSON.parse(await readFile(file, 'utf8'), (_key, value: unknown) => {
      if (typeof value !== 'string' || !cipher.isSealed(value) || cipher.keyIdOf(value) === cipher.keyId) return value;
      moved += 1;
      return cipher.seal(cipher.open(value));
    }) as unknown;
    if (moved === 0) return 0;
    const temporary = `${file}.resealing`;
    await writeFile(temporary, JSON.stringify(document), { mode: privateFileMode, flush: true });
    await rename(temporary, file);
    return moved;
  });
}

/** The sealed columns of tables this database has (the stub's schema is there only when the stub keeps its records in it). */
async function presentSealedColumns(pool: pg.Pool): Promise<SealedColumns[]> {
  const present: SealedColumns[] = [];
  for (const columns of sealedColumns) {
    const { rows } = await pool.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [columns.table]);
    if (typeof rows[0]?.table === 'string') present.push(columns);
  }
  return present;
}

/** Re-seals a table's sealed columns in passes until no row holds text under another key; returns the rows changed. */
async function resealColumns(pool: pg.Pool, cipher: PersonalDataCipher, { table, key, columns }: SealedColumns): Promise<number> {
  const current = `gcm1.${cipher.keyId}.%`;
  const stale = columns.map((column) => `(${column} IS NOT NULL AND ${column} NOT LIKE $1)`).join(' OR ');
  const seen = new Map<string, number>();
  let changed = 0;
  for (;;) {
    const { rows } = await pool.query<Record<string, string | null>>(`SELECT ${key} AS key, ${columns.join(', ')} FROM ${table} WHERE ${stale} LIMIT ${rowsPerPass}`, [current]);
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const times = (seen.get(row.key!) ?? 0) + 1;
      seen.set(row.key!, times);
      // A row that keeps coming back is being written by an instance that still seals with an old key.
      if (times > 5) throw new RotationRefusedError(`${table} row ${row.key} is sealed again with an old key as fast as it is re-sealed: give every instance the new DATA_KEY (and the old one in DATA_KEY_PREVIOUS) first`);
    }
    const reseal = (value: string | null | undefined): string | null =>
      value === null || value === undefined ? null : cipher.seal(cipher.isSealed(value) ? cipher.open(value) : value);
    const parameters: unknown[] = [rows.map((row) => row.key)];
    for (const column of columns) parameters.push(rows.map((row) => row[column] ?? null), rows.map((row) => reseal(row[column])));
    const assignments = columns.map((column, index) => `${column} = changed.new_${index}`).join(', ');
    const unchanged = columns.map((column, index) => `${table}.${column} IS NOT DISTINCT FROM changed.old_${index}`).join(' AND ');
    const unnested = columns.map((_, index) => `$${2 + 2 * index}::text[], $${3 + 2 * index}::text[]`).join(', ');
    const names = columns.map((_, index) => `old_${index}, new_${index}`).join(', ');
    // Only rows nobody changed since they were read: a turn committed meanwhile sealed its own version, with the new key.
    const result = await pool.query(
      `UPDATE ${table} SET ${assignments} FROM unnest($1::text[], ${unnested}) AS changed(key, ${names}) WHERE ${table}.${key} = changed.key AND ${unchanged}`,
      parameters,
    );
    changed += result.rowCount ?? 0;
  }
}

/** Opens every sealed record with the new key alone: a rotation is done only if that works everywhere. */
async function checkNothingLeft(dataDir: string, current: DataKey, pool: pg.Pool | undefined): Promise<void> {
  const only = createPersonalDataCipher(current);
  for (const name of sealedLogFiles) {
    const file = path.join(dataDir, name);
    if (await exists(file)) await readLog(file, () => undefined, only);
  }
  if (pool === undefined) return;
  for (const { table, columns } of await presentSealedColumns(pool)) {
    const stale = columns.map((column) => `(${column} IS NOT NULL AND ${column} NOT LIKE $1)`).join(' OR ');
    const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE ${stale}`, [`gcm1.${current.id}.%`]);
    if (Number(rows[0]?.count ?? 0) > 0) throw new RotationRefusedError(`${rows[0]!.count} rows of ${table} are still sealed with an old key; run rotate-key again`);
  }
}

