/** Styles of the insights and inbox pages, adopted beside the console's own (the page's CSP allows no inline <style>). */
const css = `
[hidden] { display: none !important; }
.nav { display: flex; gap: 4px; }
.nav button { background: transparent; color: #fff; border-color: transparent; }
.nav button[aria-current="page"] { background: #fff; color: #14325e; }
.page { padding: 8px 16px 16px; overflow: auto; height: calc(100vh - 56px); }
.page h2 { font-size: 17px; margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #d5dbe5; border-radius: 6px; padding: 10px 12px; }
.card.wide { grid-column: 1 / -1; }
.card h3 { font-size: 14px; margin: 4px 0 8px; }
.chart text { font-size: 12px; fill: #1d2330; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; list-style: none; font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.page table { border-collapse: collapse; font-size: 13px; }
.page th, .page td { border-bottom: 1px solid #e3e7ee; padding: 3px 8px; text-align: right; }
.page th:first-child, .page td:first-child { text-align: left; }
.page td.warn { color: #b3261e; font-weight: 600; }
.figure { display: flex; justify-content: space-between; gap: 12px; font-size: 13px; border-bottom: 1px dotted #e3e7ee; }
.figure dt { margin: 0; } .figure dd { margin: 0; font-weight: 600; }
.inbox { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.inbox-group .question { margin: 2px 0; font-size: 15px; }
`;

export function adoptInsightsStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
