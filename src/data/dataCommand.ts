import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPersonalDataCipher, parseDataKey } from '../adapters/personalDataCipher.js';
import { migrate } from '../adapters/postgresMigrations.js';
import { readSealedCopy } from '../adapters/sealedCopies.js';
import { formatConfigProblems, parseConfig, type Config } from '../config/config.js';
import { preparePrivateDataDirectory } from '../config/dataDirectory.js';
import { cipherOf, installationKeyRing, loadDataCipher } from '../config/dataKey.js';
import { importLowdb } from './importLowdb.js';
import { rotateKey } from './rotateKey.js';
import { refuseWhileOpen } from './filesInUse.js';
import { sealedLogFiles } from './sealedStores.js';

/**
 * `npm run data -- import-lowdb | rotate-key | unseal <file>`, run by an operator with the service's environment
 * (DATA_DIR, DATA_KEY, DATABASE_URL…). Its words are for the operator at a terminal, like the configuration problems,
 * and stay beside the code.
 */
const usage = `用法：
  npm run data -- import-lowdb     把 DATA_DIR 里的嵌入式数据（会话、待提交和已提交的申请……）复制进 DATABASE_URL 的 PostgreSQL；可重复运行
  npm run data -- rotate-key       用新密钥重新加密全部个人数据（嵌入式文件和 PostgreSQL 表），完成前旧密钥留在密钥环里
  npm run data -- unseal <文件>    把一个加密保存的备份文件（….sealed）还原成原来的内容，输出到标准输出`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function importCommand(config: Config, dataDir: string): Promise<void> {
  if (config.databaseUrl === undefined || config.dataKey === undefined) fail('import-lowdb 需要 DATABASE_URL 和 DATA_KEY（与各实例相同）');
  // The files may be sealed with the key generated into DATA_DIR before the move, or with DATA_KEY (and older keys).
  const sourceCipher = cipherOf(await installationKeyRing(dataDir, { current: config.dataKey, previous: config.dataKeyPrevious }));
  const targetCipher = createPersonalDataCipher(parseDataKey(config.dataKey));
  await refuseWhileOpen(dataDir, sealedLogFiles, 'import-lowdb');
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    await migrate(pool);
    const reports = await importLowdb({ dataDir, sourceCipher, pool, targetCipher });
    for (const report of reports) {
      say(`${report.store}: 读到 ${report.read} 条，写入 ${report.written} 条${report.written === 0 && report.read > 0 ? '（数据库里已经都有）' : ''}`);
      for (const warning of report.warnings) say(`  注意：${warning}`);
    }
    say('完成。DATA_DIR 里的文件没有改动；确认各实例用 DATABASE_URL 正常运行后，可以把它们移走（连同 data-key 的备份一起妥善保管或销毁）。');
  } finally {
    await pool.end();
  }
}

async function rotateCommand(config: Config, dataDir: string): Promise<void> {
  const pool = config.databaseUrl === undefined ? undefined : new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    if (pool !== undefined) await migrate(pool);
    const report = await rotateKey({ dataDir, configured: { current: config.dataKey, previous: config.dataKeyPrevious }, ...(pool ? { pool } : {}) });
    for (const [where, count] of Object.entries(report.resealed)) say(`${where}: 重新加密 ${count} 条`);
    say(`现在全部个人数据都用密钥 ${report.keyId} 加密${report.retiredKeyIds.length > 0 ? `；不再需要的旧密钥：${report.retiredKeyIds.join('、')}` : ''}。`);
    for (const step of report.next) say(`下一步：${step}`);
  } finally {
    await pool?.end();
  }
}

async function unsealCommand(config: Config, dataDir: string, file: string | undefined): Promise<void> {
  if (file === undefined) fail('unseal 需要一个文件名');
  const cipher = await loadDataCipher(dataDir, { current: config.dataKey, previous: config.dataKeyPrevious });
  process.stdout.write(await readSealedCopy(path.resolve(file), cipher));
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true });
  const [command, argument] = positionals;
  const config = parseConfig(process.env);
  if (!config.ok) fail(formatConfigProblems(config.problems));
  const dataDir = path.resolve(config.value.dataDir);
  await preparePrivateDataDirectory(dataDir);
  if (command === 'import-lowdb') return importCommand(config.value, dataDir);
  if (command === 'rotate-key') return rotateCommand(config.value, dataDir);
  if (command === 'unseal') return unsealCommand(config.value, dataDir, argument);
  fail(command === undefined ? '缺少命令' : `不认识的命令：${command}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
