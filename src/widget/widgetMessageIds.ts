/**
 * The message ids the widget shows (prompts/messages/widget.yaml). The build refuses to bundle without all of
 * them, and the content checker can require them, so a missing word is caught before anyone sees a blank button.
 */
export const widgetMessageIds = [
  'widget.launcher',
  'widget.launcherHint',
  'widget.title',
  'widget.subtitle',
  'widget.close',
  'widget.closeHint',
  'widget.placeholder',
  'widget.inputLabel',
  'widget.send',
  'widget.largeText',
  'widget.largeTextHint',
  'widget.highContrast',
  'widget.highContrastHint',
  'widget.typing',
  'widget.speaker.user',
  'widget.speaker.bot',
  'widget.pending',
  'widget.quickRepliesLabel',
  'widget.state.connecting',
  'widget.state.online',
  'widget.state.reconnecting',
  'widget.state.fallback',
  'widget.state.offline',
  'widget.error.network',
  'widget.error.generic',
  'widget.error.tooLong',
  'widget.notice.sessionRenewed',
] as const;

export type WidgetMessageId = (typeof widgetMessageIds)[number];
