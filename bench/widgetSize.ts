import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../src/widget/buildWidget.js';
import { readWidgetMessages } from '../src/widget/readWidgetMessages.js';

/** Prints the size of GET /widget.js as served (minified) and as sent (gzipped); the bar is 30 KB gzipped. */
const barBytes = 30 * 1024;
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const bundle = await buildWidget(await readWidgetMessages(rootDir));
const gzipped = gzipSync(bundle, { level: 9 }).length;
const raw = Buffer.byteLength(bundle);
console.log(`widget.js: ${(raw / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped (bar ${barBytes / 1024} KB gzipped) ${gzipped <= barBytes ? 'OK' : 'OVER'}`);
