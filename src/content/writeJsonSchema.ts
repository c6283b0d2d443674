import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentJsonSchemas } from './contentJsonSchemas.js';
import { jsonSchemaFolder } from './contentKinds.js';

/** `npm run content:schema`: regenerates schemas/*.schema.json from the zod schemas (the files are committed). */
const folder = join(fileURLToPath(new URL('../..', import.meta.url)), jsonSchemaFolder);
await mkdir(folder, { recursive: true });
for (const { fileName, text } of contentJsonSchemas()) {
  await writeFile(join(folder, fileName), text);
  console.log(join(jsonSchemaFolder, fileName));
}
