/**
 * The widget's look, adopted as a constructed stylesheet by its shadow root: host pages with a strict CSP
 * (no inline styles) accept it, and the page's own CSS cannot reach inside.
 * Sizes are in em of `.root`, so large-text mode scales everything at once.
 */
export const widgetStyles = `
:host { all: initial; }
.root {
  --accent: #0b5cad; --accent-text: #ffffff; --surface: #ffffff; --text: #1c2430; --muted: #51606f;
  --bot-bubble: #eef2f7; --border: #c9d3de; --focus: #f59e0b; --danger: #b42318; --online: #1f7a3a; --link: #0b5cad;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 16px; line-height: 1.55; color: var(--text);
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
.root.large { font-size: 21px; }
.root.contrast {
  --accent: #ffe000; --accent-text: #000000; --surface: #000000; --text: #ffffff; --muted: #ffffff;
  --bot-bubble: #000000; --border: #ffffff; --focus: #00e5ff; --danger: #ff8a80; --online: #7dff9b; --link: #ffe000;
}
.root * { box-sizing: border-box; }
button, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
[hidden] { display: none !important; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 0.5em; min-height: 3em; padding: 0.6em 1.2em;
  border: 2px solid var(--accent); border-radius: 999px; background: var(--accent); color: var(--accent-text);
  font-weight: 600; box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
}
.launcher-icon {
  position: relative; width: 1.2em; height: 0.95em; border: 0.14em solid currentColor; border-radius: 0.3em;
}
.launcher-icon::after {
  content: ""; position: absolute; left: 0.18em; bottom: -0.42em; width: 0.35em; height: 0.35em;
  border-left: 0.14em solid currentColor; border-bottom: 0.14em solid currentColor; background: var(--accent);
  transform: skewY(-30deg);
}
.badge {
  position: absolute; top: -0.2em; right: -0.2em; width: 0.9em; height: 0.9em; border-radius: 50%;
  background: var(--danger); border: 2px solid var(--surface);
}

.panel {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: flex; flex-direction: column; width: 24em; max-width: calc(100vw - 40px);
  height: 40em; max-height: calc(100vh - 40px);
  background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); overflow: hidden;
}
.root.contrast .panel { border-width: 2px; }
.header {
  /* On a narrow screen, or with large text, the buttons move under the title rather than squeeze it. */
  display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.5em; padding: 0.75em 0.9em;
  background: var(--accent); color: var(--accent-text);
}
.root.contrast .header { border-bottom: 2px solid var(--border); }
.heading { flex: 1 1 9em; min-width: 0; }
.title { margin: 0; font-size: 1.15em; line-height: 1.3; font-weight: 700; }
.subtitle { margin: 0.1em 0 0; font-size: 0.8em; opacity: 0.9; }
.status { display: flex; align-items: center; gap: 0.4em; margin: 0.25em 0 0; font-size: 0.8em; }
.status-dot { width: 0.6em; height: 0.6em; border-radius: 50%; background: #f5c242; flex: none; }
.status[data-status="online"] .status-dot, .status[data-status="fallback"] .status-dot { background: #5fd68a; }
.status[data-status="offline"] .status-dot { background: #ff8a80; }
.tools { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.35em; margin-left: auto; }
.tool {
  min-height: 2.2em; padding: 0.2em 0.6em; border: 1px solid var(--accent-text); border-radius: 8px;
  background: transparent; color: var(--accent-text); font-size: 0.85em;
}
.tool[aria-pressed="true"] { background: var(--accent-text); color: var(--accent); font-weight: 700; }
.header :focus-visible { outline-color: var(--accent-text); }

.log {
  flex: 1; overflow-y: auto; padding: 0.9em; display: flex; flex-direction: column; gap: 0.6em;
  overscroll-behavior: contain;
}
.bubble {
  max-width: 88%; padding: 0.55em 0.8em; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere;
}
.bubble.bot { align-self: flex-start; background: var(--bot-bubble); border-bottom-left-radius: 4px; }
.bubble.user { align-self: flex-end; background: var(--accent); color: var(--accent-text); border-bottom-right-radius: 4px; }
.root.contrast .bubble { border: 2px solid var(--border); }
.bubble.pending { opacity: 0.75; }
.pending-label { display: block; font-size: 0.75em; opacity: 0.9; }
.bubble.notice { align-self: center; max-width: 100%; background: transparent; color: var(--muted); font-size: 0.85em; text-align: center; }

.typing { padding: 0 0.9em 0.4em; color: var(--muted); font-size: 0.85em; }
.quick {
  display: flex; flex-wrap: wrap; gap: 0.45em; padding: 0.1em 0.9em 0.6em;
  /* A long list of choices must not squeeze the conversation out of a small screen. */
  max-height: 35%; overflow-y: auto; flex: none;
}
.quick-reply {
  min-height: 2.6em; padding: 0.3em 0.9em; border: 2px solid var(--accent); border-radius: 999px;
  background: var(--surface); color: var(--text);
}
.root:not(.contrast) .quick-reply { color: var(--accent); }
.quick-reply:hover { background: var(--bot-bubble); }
.error { margin: 0 0.9em 0.5em; padding: 0.5em 0.7em; border-radius: 8px; border: 1px solid var(--danger); color: var(--danger); font-size: 0.9em; }

.queue-line { flex: none; margin: 0; padding: 0.45em 0.9em; border-bottom: 1px solid var(--border); font-size: 0.9em; font-weight: 600; }
.agent-name { display: block; font-size: 0.8em; font-weight: 600; margin-bottom: 0.2em; }
.progress { flex: none; padding: 0.45em 0.9em 0.5em; border-bottom: 1px solid var(--border); }
.progress-text { margin: 0 0 0.3em; font-size: 0.9em; font-weight: 600; }
.progress-bar { display: block; height: 0.4em; border-radius: 999px; background: var(--bot-bubble); border: 1px solid var(--border); overflow: hidden; }
.progress-done { display: block; height: 100%; width: 0; background: var(--accent); }

.sources { margin-top: 0.4em; font-size: 0.85em; }
.source-list { margin: 0.15em 0 0; padding-left: 1.2em; }
.source-list li { margin: 0.15em 0; line-height: 1.8; }
.source-link { color: var(--link); text-decoration: underline; }
.verified { color: var(--muted); }
.more-sources summary { display: inline-block; min-height: 24px; margin-top: 0.15em; color: var(--link); cursor: pointer; }
.read {
  display: block; margin-top: 0.45em; min-height: 2.2em; padding: 0.15em 0.8em; border: 2px solid var(--accent);
  border-radius: 999px; background: var(--surface); color: var(--link); font-size: 0.85em;
}
.read[aria-pressed="true"] { background: var(--accent); color: var(--accent-text); }

.composer { padding: 0.7em 0.9em; border-top: 1px solid var(--border); }
.composer-row { display: flex; gap: 0.5em; }
.x-key {
  flex: none; min-width: 2.75em; min-height: 2.75em; padding: 0.2em 0.6em; border: 2px solid var(--accent); border-radius: 10px;
  background: var(--surface); color: var(--link); font-weight: 700;
}
.hint { margin: 0.35em 0 0; color: var(--muted); font-size: 0.85em; }
.input {
  flex: 1; min-width: 0; min-height: 2.75em; padding: 0.4em 0.7em; border: 2px solid var(--border); border-radius: 10px;
  background: var(--surface); color: var(--text);
}
.input::placeholder { color: var(--muted); opacity: 0.85; }
.send {
  flex: none; min-height: 2.75em; padding: 0.4em 1.1em; border: 2px solid var(--accent); border-radius: 10px;
  background: var(--accent); color: var(--accent-text); font-weight: 600;
}

@media (max-width: 480px) {
  .panel {
    inset: 0; width: 100%; max-width: 100%; height: 100%; max-height: 100%; border-radius: 0; border: 0;
  }
  .launcher { right: 12px; bottom: 12px; }
}
@media (prefers-reduced-motion: no-preference) {
  .typing { animation: pulse 1.4s ease-in-out infinite; }
  @keyframes pulse { 50% { opacity: 0.45; } }
}
`;
