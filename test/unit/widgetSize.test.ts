import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MissingWidgetMessagesError, buildWidget } from '../../src/widget/buildWidget.js';
import { readWidgetMessages } from '../../src/widget/readWidgetMessages.js';
import { widgetMessageIds } from '../../src/widget/widgetMessageIds.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));

describe('widget bundle', () => {
  it('stays within 30 KB gzipped with the real wording compiled in', async () => {
    const messages = await readWidgetMessages(rootDir);
    const bundle = await buildWidget(messages);
    expect(bundle).toContain(messages['widget.launcher']);
    expect(gzipSync(bundle).length).toBeLessThanOrEqual(30 * 1024);
  });

  it('has no Chinese word of its own: every word comes from the messages', async () => {
    const placeholders = Object.fromEntries(widgetMessageIds.map((id) => [id, `<${id}>`]));
    const bundle = await buildWidget({ ...placeholders, 'other.area': '别的区域的话' });
    expect(bundle.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)).toBeNull();
    expect(bundle).toContain('<widget.state.reconnecting>');
  });

  it('refuses to build when the content lacks wording the widget shows', async () => {
    const messages = await readWidgetMessages(rootDir);
    const { 'widget.send': _send, ...withoutSend } = messages;
    await expect(buildWidget(withoutSend)).rejects.toThrow(MissingWidgetMessagesError);
    await expect(buildWidget(withoutSend)).rejects.toThrow(/widget\.send/);
  });
});
