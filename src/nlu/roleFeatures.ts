import type { RolesFile } from '../content/nluSchema.js';
import { regionReader, type RegionReader } from '../domain/regions.js';
import { subjectMentions, type Subjects } from './subjectFeatures.js';
import type { SynonymHeads } from './textFeatures.js';

/** The side of 家庭共济 a person is on: the one whose account is shared, or the relative who uses it. */
export type Side = 'giving' | 'receiving';

/** The editors' role words (flows/nlu/roles.yaml), ready to scan a masked text with; lists longest first. */
export type Roles = {
  receiving: { before: readonly string[]; after: readonly string[] };
  giving: { before: readonly string[]; after: readonly string[]; toward: readonly string[] };
  modals: readonly string[];
  pronouns: ReadonlySet<string>;
  sides: readonly { word: string; side: Side }[];
  bindWords: readonly string[];
  concerns: ReadonlySet<string>;
  elsewhere: readonly string[];
};

const longestFirst = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length);

export function rolesOf(file: RolesFile): Roles {
  return {
    receiving: { before: longestFirst(file.receiving.before), after: longestFirst(file.receiving.after) },
    giving: { before: longestFirst(file.giving.before), after: longestFirst(file.giving.after), toward: longestFirst(file.giving.toward) },
    modals: longestFirst(file.modals),
    pronouns: new Set(file.pronouns),
    sides: (['receiving', 'giving'] as const).flatMap((side) => file.sides[side].map((word) => ({ word, side }))).sort((a, b) => b.word.length - a.word.length),
    bindWords: longestFirst(file.bindWords),
    concerns: new Set(file.concerns),
    elsewhere: file.elsewhere,
  };
}

/** Someone a masked text names (the person, a relative, or a side said as a noun) and the side the words around put them on. */
export type SideMention = { start: number; end: number; who: 'self' | 'relative' | 'noun'; side: Side | null };

/** How close after a giving or binding word another person must start to be the one it goes to: "给我妈", "绑我家老头". */
const TOWARD_REACH = 2;

/**
 * Who a masked text names and on which side each stands. Each person scores their mentions: a word of roles.yaml right
 * before or after a mention ("给Ⓕ", "Ⓕ能被", "被我", "她的钱") counts for one side, what is theirs ("的钱") outweighing
 * 把/给 before them. The person (我, 俺…) is one person however often named; a pronoun is the relative named just before
 * it; every other relative word is someone of their own. When the people whose side is known are all on one side, a
 * single other person is on the other ("我妈…能被我绑": I bind, so she receives). The only person named, a relative,
 * with a binding word said after them to nobody ("我爸交的是居民医保能绑吗") is the one to bind. Sides said as nouns
 * (被绑定的人, 授权人) are mentions of their side.
 */
export function sideMentions(masked: string, subjects: Subjects, roles: Roles): SideMention[] {
  const people: { start: number; end: number; who: 'self' | 'relative'; person: number }[] = [];
  let persons = 0;
  let lastRelative = -1;
  for (const mention of subjectMentions(masked, subjects)) {
    if (mention.subject === 'stranger') continue;
    if (mention.subject === 'self') people.push({ ...mention, who: 'self', person: 0 });
    else if (roles.pronouns.has(masked.slice(mention.start, mention.end)) && lastRelative > 0) people.push({ ...mention, who: 'relative', person: lastRelative });
    else people.push({ ...mention, who: 'relative', person: (lastRelative = ++persons) });
  }
  const startsNear = (from: number) => people.some((other) => other.start >= from && other.start <= from + TOWARD_REACH);
  const afterModal = (at: number) => at + (roles.modals.find((modal) => masked.startsWith(modal, at))?.length ?? 0);
  const score = new Map<number, number>();
  for (const { start, end, person } of people) {
    const before = (words: readonly string[]) => words.some((word) => masked.endsWith(word, start));
    const after = afterModal(end);
    const followedBy = (words: readonly string[]) => words.some((word) => masked.startsWith(word, after));
    let side = 0;
    if (roles.giving.after.some((word) => masked.startsWith(word, end))) side += 1;
    else if (before(roles.receiving.before)) side -= 1;
    if (before(roles.giving.before)) side += 1;
    if (followedBy(roles.receiving.after)) side -= 1;
    if (roles.giving.toward.some((word) => masked.startsWith(word, after) && startsNear(after + word.length))) side += 1;
    score.set(person, (score.get(person) ?? 0) + side);
  }
  const known = [...score.values()].filter((side) => side !== 0).map(Math.sign);
  const unknown = [...score].filter(([, side]) => side === 0).map(([person]) => person);
  if (known.length > 0 && known.every((side) => side === known[0]) && unknown.length === 1) score.set(unknown[0]!, -known[0]!);
  if (score.size === 1 && people[0]!.who === 'relative' && score.get(people[0]!.person) === 0) {
    const asked = roles.bindWords.some((word) => {
      for (let at = masked.indexOf(word, people[0]!.end); at >= 0; at = masked.indexOf(word, at + word.length)) if (!startsNear(at + word.length)) return true;
      return false;
    });
    if (asked) score.set(people[0]!.person, -1);
  }
  const sideOf = (value: number): Side | null => (value > 0 ? 'giving' : value < 0 ? 'receiving' : null);
  const mentions: SideMention[] = people.map(({ start, end, who, person }) => ({ start, end, who, side: sideOf(score.get(person) ?? 0) }));
  for (const { word, side } of roles.sides) {
    for (let at = masked.indexOf(word); at >= 0; at = masked.indexOf(word, at + word.length)) {
      const inside = mentions.filter((mention) => mention.start < at + word.length && at < mention.end);
      // "被绑的家人": the relative word inside the noun is on its side.
      for (const mention of inside) mention.side ??= side;
      if (inside.length === 0) mentions.push({ start: at, end: at + word.length, who: 'noun', side });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const sideMark: Readonly<Record<Side, string>> = { giving: '给', receiving: '受' };
const whoMark = { self: 'Ⓢ', relative: 'Ⓕ', noun: '' } as const;

/**
 * The side of each person named ("r:Ⓢ给", "r:Ⓕ受", a side said as a noun "r:受") and of whoever each concern is said
 * of — the nearest person before it in its clause: "我是居民医保，能给家人用吗" → rc:给>居民医保, "我妈是居民医保，能被
 * 我绑吗" → rc:受>居民医保. The words are found in the masked text as textFeatures finds them.
 */
export function roleFeatures(masked: string, tokens: readonly string[], synonyms: SynonymHeads, subjects: Subjects, roles: Roles): string[] {
  const mentions = sideMentions(masked, subjects, roles);
  const features: string[] = [];
  for (const mention of mentions) if (mention.side) features.push(`r:${whoMark[mention.who]}${sideMark[mention.side]}`);
  if (!mentions.some((mention) => mention.side)) return features;
  let cursor = 0;
  for (const token of tokens) {
    const at = masked.indexOf(token, cursor);
    if (at < 0) continue;
    cursor = at + token.length;
    const head = synonyms.get(token);
    if (head === undefined || !roles.concerns.has(head)) continue;
    const holder = mentions.findLast((mention) => mention.end <= at && !masked.slice(mention.end, at).includes(','));
    if (holder?.side) features.push(`rc:${sideMark[holder.side]}>${head}`);
  }
  return features;
}

/**
 * How often a place feature is counted (term frequency is sublinear: twice weighs 1.69 times once). Grouped 5-fold CV,
 * FAQ topic averaged over three deals of groups to folds (content of main f28b6ca with the story-location relabel):
 * once 91.17 %, twice 91.23 % (cross_region → eligibility 3.3 → 0.3, cross_region → who_can_bind 7.0 → 5.7 a deal);
 * bench/roleProbe.jsonl 33 → 34 of 42.
 */
const PLACE_COUNT = 2;
const tableRegions = regionReader();

/**
 * Two places in one message: regions in two provinces ("我在天津参保，我老婆在北京参保") → pl:两省, two in one province
 * → pl:一省两地, one named beside one said without a name ("人在上海，老家…") → pl:一地+别处; each PLACE_COUNT times.
 * Read from the normalised text, since only the first region named is an entity.
 */
export function placeFeatures(normalised: string, roles: Roles, reader: RegionReader = tableRegions): string[] {
  const regions = reader.named(normalised);
  const place = (feature: string) => Array.from({ length: PLACE_COUNT }, () => feature);
  if (new Set(regions.map((region) => region.provinceCode)).size >= 2) return place('pl:两省');
  if (regions.length >= 2) return place('pl:一省两地');
  if (regions.length === 1 && roles.elsewhere.some((word) => normalised.includes(word))) return place('pl:一地+别处');
  return [];
}
