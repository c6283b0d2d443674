import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openFileAuditLog } from '../adapters/fileAuditLog.js';
import { openLowdbStaffStore } from '../adapters/lowdbStaffStore.js';
import { createPostgresAuditLog } from '../adapters/postgresAuditLog.js';
import { migrate } from '../adapters/postgresMigrations.js';
import { createPostgresStaffStore } from '../adapters/postgresStaffStore.js';
import { randomIds } from '../adapters/randomIds.js';
import { systemClock } from '../adapters/systemClock.js';
import { formatConfigProblems, parseConfig } from '../config/config.js';
import { StaffRoleSchema, type StaffStore } from '../ports/staffStore.js';
import type { AuditLog } from '../ports/auditLog.js';
import { createStaffAccounts, loginPattern, type StaffAccounts } from './staffAccounts.js';

/**
 * `npm run staff -- add <login> --role <role> | list | disable <login> | reset <login>`, run on the server by an
 * operator. It writes DATA_DIR/staff.json, or the database when DATABASE_URL is set, directly (the running server
 * reads it on every sign-in), and audits each change as staff id "cli" with the operating-system user. Its words are for the operator at a terminal, like the
 * configuration problems, and stay beside the code.
 */
const usage = `用法：
  npm run staff -- add <账号> --role <agent|editor|approver|admin>   新建账号，打印一次性密码（首次登录须修改）
  npm run staff -- list                                             列出账号
  npm run staff -- disable <账号>                                   停用账号（立即退出登录）
  npm run staff -- reset <账号>                                     重置为新的一次性密码，并解除锁定`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { role: { type: 'string' } } });
  const [command, login] = positionals;
  const config = parseConfig(process.env);
  if (!config.ok) fail(formatConfigProblems(config.problems));
  const { store, audit, close } = await openStaffStores(config.value.databaseUrl, path.resolve(config.value.dataDir));
  try {
    await run(command, login, values.role, createStaffAccounts({ store, audit, clock: systemClock, ids: randomIds }));
  } finally {
    await close();
  }
}

/** The server's own stores: the database when DATABASE_URL is set (every instance reads it), else DATA_DIR's files. */
async function openStaffStores(databaseUrl: string | undefined, dataDir: string): Promise<{ store: StaffStore; audit: AuditLog; close(): Promise<void> }> {
  if (databaseUrl === undefined) {
    const [store, audit] = await Promise.all([openLowdbStaffStore(dataDir), openFileAuditLog(dataDir)]);
    return { store, audit, close: async () => undefined };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await migrate(pool);
  return { store: createPostgresStaffStore(pool), audit: createPostgresAuditLog(pool), close: () => pool.end() };
}

async function run(command: string | undefined, login: string | undefined, wantedRole: string | undefined, accounts: StaffAccounts): Promise<void> {
  const actor = { staffId: 'cli', login: userInfo().username };

  switch (command) {
    case 'add': {
      if (login === undefined) fail('缺少账号名。');
      const role = StaffRoleSchema.safeParse(wantedRole);
      if (!role.success) fail(`角色应为 ${StaffRoleSchema.options.join(' / ')} 之一（--role）。`);
      const outcome = await accounts.add(login, role.data, actor);
      if (!outcome.ok) fail(outcome.reason === 'login-taken' ? `账号 ${login} 已存在。` : `账号名不合格（${loginPattern.source}）。`);
      process.stdout.write(`已创建账号 ${outcome.account.login}（${outcome.account.role}）\n一次性密码：${outcome.oneTimePassword}\n首次登录后须修改密码。\n`);
      return;
    }
    case 'list': {
      const list = await accounts.list();
      if (list.length === 0) process.stdout.write('还没有账号。\n');
      for (const account of list) {
        const state = account.disabled
          ? '已停用'
          : account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now()
            ? `锁定至 ${account.lockedUntil}`
            : account.mustChangePassword
              ? '待修改密码'
              : '正常';
        process.stdout.write(`${account.login}\t${account.role}\t${state}\t${account.createdAt}\n`);
      }
      return;
    }
    case 'disable': {
      if (login === undefined) fail('缺少账号名。');
      const account = await accounts.disable(login, actor);
      if (account === undefined) fail(`没有账号 ${login}。`);
      process.stdout.write(`已停用账号 ${account.login}。\n`);
      return;
    }
    case 'reset': {
      if (login === undefined) fail('缺少账号名。');
      const reset = await accounts.reset(login, actor);
      if (reset === undefined) fail(`没有账号 ${login}。`);
      process.stdout.write(`已重置账号 ${reset.account.login}\n一次性密码：${reset.oneTimePassword}\n首次登录后须修改密码。\n`);
      return;
    }
    default:
      fail(command === undefined ? '缺少命令。' : `不认识的命令：${command}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
