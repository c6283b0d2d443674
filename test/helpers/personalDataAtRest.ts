import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { makeIdNumber } from './idNumbers.js';

/** A person's whole binding, as typed: their numbers and their mother's (made up for these tests alone). */
export const person = {
  idNumber: makeIdNumber({ region: '210202', birthDate: '1983-04-21' }),
  phone: '13698765432',
  motherName: '司马慧兰',
  motherId: makeIdNumber({ region: '210202', birthDate: '1957-10-08', sex: 'female' }),
  motherPhone: '15887654321',
};
export const wholeBinding = ['我要绑定', '欧阳明远', person.idNumber, person.phone, '我妈', person.motherName, person.motherId, person.motherPhone, '不用了，下一步', '同意', '确认提交'];

/** What must never be found in plain text at rest: both people's ID and phone numbers, and the mother's name. */
export const plainPersonalData = [person.idNumber, person.phone, person.motherId, person.motherPhone, person.motherName];

export async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)])));
  return nested.flat();
}

/** Every file under the directory that holds one of the values in plain text, with what it holds. */
export async function filesHolding(directory: string, values: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(directory)) {
    const text = await readFile(file, 'utf8');
    for (const value of values) if (text.includes(value)) found.push(`${path.basename(file)} holds ${value}`);
  }
  return found;
}

/** Files and directories under `directory` (itself included) whose mode lets anyone but the owner in. */
export async function notPrivate(directory: string): Promise<string[]> {
  const wrong: string[] = [];
  const check = async (entry: string, expected: number) => {
    const mode = (await stat(entry)).mode & 0o777;
    if (mode !== expected) wrong.push(`${entry} is ${mode.toString(8)}`);
  };
  await check(directory, 0o700);
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) wrong.push(...(await notPrivate(full)));
    else await check(full, 0o600);
  }
  return wrong;
}

/** Every table of the database's schemas (whoever added it) whose rows, read as text, hold one of the values. */
export async function tablesHolding(pool: pg.Pool, values: readonly string[]): Promise<{ tables: string[]; found: string[] }> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    for (const { row } of rows) for (const value of values) if (row.includes(value)) found.push(`${name} holds ${value}`);
  }
  return { tables: tables.map((table) => table.name), found };
}
