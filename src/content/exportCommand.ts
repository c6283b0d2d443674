import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLowdbContentStore } from '../adapters/lowdbContentStore.js';
import { parseConfig, formatConfigProblems } from '../config/config.js';
import { filesOf } from './contentLifecycle.js';
import { readContentFiles } from './loadContent.js';

/**
 * `npm run content:export [version] [folder]`: writes a content version from DATA_DIR/content.json back to files
 * (the live version and the repository by default), so what editors published can be committed with git. The
 * folder's flows/ and prompts/ then hold exactly that version: YAML files the version lacks are removed.
 */
const config = parseConfig(process.env);
if (!config.ok) {
  console.error(formatConfigProblems(config.problems));
  process.exit(1);
}
const [versionArgument, folderArgument] = process.argv.slice(2);
const folder = path.resolve(folderArgument ?? fileURLToPath(new URL('../..', import.meta.url)));
const store = await openLowdbContentStore({ dataDir: path.resolve(config.value.dataDir), onFileProblem: (problem) => console.error(`内容版本文件损坏，已另存为 ${problem.keptAs}`) });
const record = await store.read();
const number = versionArgument === undefined ? record.published : Number(versionArgument);
const version = record.versions.find((candidate) => candidate.number === number);
if (version === undefined) {
  console.error(`没有版本 ${versionArgument ?? '（尚未发布任何版本）'}；现有版本：${record.versions.map((candidate) => candidate.number).join('、') || '无'}`);
  process.exit(1);
}
const files = filesOf(record, version);
const kept = new Set(files.map((file) => file.path));
for (const existing of await readContentFiles(folder)) if (!kept.has(existing.path)) await rm(path.join(folder, existing.path));
for (const file of files) {
  await mkdir(path.dirname(path.join(folder, file.path)), { recursive: true });
  await writeFile(path.join(folder, file.path), file.text);
}
console.log(`版本 ${version.number}（${version.status}）的 ${files.length} 个文件已写到 ${folder}`);
