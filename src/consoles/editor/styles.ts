/** The console's styles, adopted as a constructed style sheet (the page's CSP allows no inline <style>). */
const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1d2330; background: #f4f6f9; }
button { font: inherit; padding: 4px 10px; border: 1px solid #9aa6b8; border-radius: 4px; background: #fff; cursor: pointer; }
button.primary { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
button:disabled { opacity: .5; cursor: not-allowed; }
button.link { border: none; background: none; color: #1f5fbf; text-decoration: underline; }
input, select, textarea { font: inherit; padding: 4px 6px; border: 1px solid #9aa6b8; border-radius: 4px; }
.top { display: flex; gap: 16px; align-items: center; padding: 8px 16px; background: #14325e; color: #fff; }
.top h1 { font-size: 17px; margin: 0 auto 0 0; }
.top .link { color: #fff; }
.notice { margin: 8px 16px; padding: 8px 12px; border-radius: 4px; background: #fff4d6; border: 1px solid #e3b341; }
.notice.error { background: #fde8e8; border-color: #d33; }
.message { margin: 8px 16px; padding: 6px 12px; border-radius: 4px; background: #e6f4ea; border: 1px solid #3c9a5f; }
.message.error { background: #fde8e8; border-color: #d33; }
.layout { display: grid; grid-template-columns: 270px minmax(0, 1fr) 360px; gap: 12px; padding: 8px 16px 16px; height: calc(100vh - 56px); }
.panel { background: #fff; border: 1px solid #d5dbe5; border-radius: 6px; padding: 10px; overflow: auto; }
.panel h2 { font-size: 15px; margin: 4px 0 8px; }
.versions li, .files li { list-style: none; margin: 2px 0; }
.versions, .files { padding: 0; margin: 0 0 12px; }
.versions button, .files button { width: 100%; text-align: left; border: none; padding: 3px 6px; }
.versions button[aria-current="true"], .files button[aria-current="true"] { background: #dbe7fb; }
.status { font-size: 12px; padding: 0 6px; border-radius: 8px; background: #eef1f5; margin-left: 4px; }
.status.published { background: #d7f0de; } .status.submitted, .status.approved { background: #fff0c2; } .status.draft { background: #e4ecfb; }
.files h3 { font-size: 13px; margin: 10px 0 2px; color: #555; }
.files .count { color: #c22; font-size: 12px; }
.editor { display: flex; flex-direction: column; gap: 8px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.code { border: 1px solid #d5dbe5; border-radius: 4px; min-height: 320px; max-height: 55vh; overflow: auto; }
.code .cm-editor { min-height: 320px; }
.problems { margin: 0; padding-left: 18px; color: #b3261e; }
.problems.ok { color: #2b7a3d; list-style: none; padding: 0; }
.chat { display: flex; flex-direction: column; gap: 6px; min-height: 160px; max-height: 38vh; overflow: auto; padding: 6px; background: #f7f8fa; border-radius: 4px; }
.chat .user { align-self: flex-end; background: #1f5fbf; color: #fff; padding: 4px 8px; border-radius: 8px; max-width: 85%; white-space: pre-wrap; }
.chat .bot { align-self: flex-start; background: #fff; border: 1px solid #d5dbe5; padding: 4px 8px; border-radius: 8px; max-width: 92%; white-space: pre-wrap; }
.row { display: flex; gap: 6px; align-items: center; margin: 6px 0; }
.row input[type=text], .row textarea { flex: 1; }
.meta { font-size: 12px; color: #555; margin: 4px 0; }
.diff { font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; background: #f7f8fa; padding: 6px; border-radius: 4px; }
.diff .add { background: #e6f4ea; } .diff .del { background: #fde8e8; }
.signin { display: grid; place-items: center; height: 90vh; }
.signin form { display: flex; flex-direction: column; gap: 10px; width: 320px; background: #fff; padding: 24px; border-radius: 8px; border: 1px solid #d5dbe5; }
.signin label { display: flex; flex-direction: column; gap: 4px; }
.problem { color: #b3261e; }
.failures { color: #b3261e; font-size: 13px; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #d5dbe5; margin-bottom: 8px; }
.tabs button { border: none; border-bottom: 3px solid transparent; border-radius: 0; }
.tabs button[aria-selected="true"] { border-bottom-color: #1f5fbf; font-weight: 600; }
.answer-diff { list-style: none; padding: 0; margin: 0; }
.answer-diff .question { border-top: 1px solid #d5dbe5; padding: 8px 0; }
.answer-diff .origin { font-size: 12px; color: #555; margin-left: 8px; }
.answer-diff .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.answer-diff .side { background: #f7f8fa; border-radius: 4px; padding: 6px; }
.answer-diff .side:first-child { border-left: 3px solid #d33; } .answer-diff .side:last-child { border-left: 3px solid #3c9a5f; }
.answer-diff .said { white-space: pre-wrap; font-size: 13px; }
.answer-diff mark.before { background: #f9c8c8; text-decoration: line-through; } .answer-diff mark.after { background: #bfe8cb; }
.stale-region h3 { font-size: 14px; margin: 10px 0 4px; }
`;

export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
