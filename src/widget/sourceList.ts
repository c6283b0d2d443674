import { element } from './element.js';
import { webAddress, type Source } from './protocol.js';
import { wording } from './wording.js';

/** Official (A) and news (B) sources are worth opening; others are named so the claim can be traced, not linked. */
const linkedTiers: readonly Source['tier'][] = ['A', 'B'];

/** Sources come most reliable first; beyond these the list folds away so that it does not bury the answer. */
const shownAtFirst = 3;

function sourceItems(sources: readonly Source[]): HTMLUListElement {
  const list = element('ul', 'source-list');
  for (const source of sources) {
    const item = element('li', '');
    const url = linkedTiers.includes(source.tier) ? webAddress(source.url) : null;
    if (url !== null) {
      const link = element('a', 'source-link', { href: url, target: '_blank', rel: 'noopener noreferrer' }, source.title);
      link.append(element('span', 'sr-only', {}, wording('widget.sources.newWindow')));
      item.append(link);
    } else {
      item.append(element('span', 'source-title', {}, source.title));
    }
    if (source.verifiedAt !== null) item.append(element('span', 'verified', {}, wording('widget.sources.verified', { date: source.verifiedAt })));
    list.append(item);
  }
  return list;
}

/**
 * The sources under an answer, built with DOM calls only. A link opens in a new window without giving that page a
 * handle on this one (noopener) or telling it where the person came from (noreferrer); its address is checked
 * again here, so only http(s) ever becomes a link whatever the server sends.
 */
export function sourceList(sources: readonly Source[]): HTMLElement | null {
  if (sources.length === 0) return null;
  const box = element('div', 'sources');
  box.append(element('span', 'sources-label', {}, wording('widget.sources')), sourceItems(sources.slice(0, shownAtFirst)));
  const rest = sources.slice(shownAtFirst);
  if (rest.length > 0) {
    const more = element('details', 'more-sources');
    more.append(element('summary', '', {}, wording('widget.sources.more', { count: rest.length })), sourceItems(rest));
    box.append(more);
  }
  return box;
}
