import type { RolesFile } from '../content/nluSchema.js';
import { regionReader, type RegionReader } from '../domain/regions.js';
import { subjectMentions, type Subjects } from './subjectFeatures.js';
import { relativeMark, type SynonymHeads } from './textFeatures.js';

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
  joiners: readonly string[];
  describers: readonly string[];
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
    joiners: longestFirst(file.joiners),
    describers: longestFirst(file.describers),
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
 * it; every other relative word is someone of their own, unless the same word named them before (`relativeWords`: the
 * word of each Ⓕ in order, textFeatures' relativesMasked — "Ⓕ在老家交的新农合，能给Ⓕ共济吗" with 孙子 twice). When the people whose side is known are all on one side, a
 * single other person is on the other ("我妈…能被我绑": I bind, so she receives). The only relative named, nobody's
 * side said, with a binding word after them to nobody ("我爸交的是居民医保能绑吗", "我是职工医保，我妈是居民医保，能绑
 * 吗") is the one to bind. The words before a relative reach over the person's word owning them ("给我的Ⓕ") and over
 * relatives listed before them ("给ⒻⒻ用", "把Ⓕ和Ⓕ绑上"). Sides said as nouns
 * (被绑定的人, 授权人) are mentions of their side.
 */
export function sideMentions(masked: string, subjects: Subjects, roles: Roles, relativeWords: readonly string[] = []): SideMention[] {
  // `reach`: where the words naming them begin — the owner's word ("给我的Ⓕ") or the first of relatives listed
  // together ("给ⒻⒻ用", "把Ⓕ和Ⓕ绑上"), whom the words before the list speak of as well.
  const people: { start: number; end: number; reach: number; who: 'self' | 'relative'; person: number }[] = [];
  let persons = 0;
  let lastRelative = -1;
  const personOf = new Map<string, number>();
  const markAt = new Map<number, string>();
  for (let at = masked.indexOf(relativeMark), index = 0; at >= 0; at = masked.indexOf(relativeMark, at + 1), index += 1) markAt.set(at, relativeWords[index] ?? '');
  for (const mention of subjectMentions(masked, subjects)) {
    if (mention.subject === 'stranger') continue;
    const previous = people.at(-1);
    const listed = mention.subject === 'relative' && previous?.who === 'relative' && [mention.from ?? mention.start].some((from) => from === previous.end || roles.joiners.some((word) => from === previous.end + word.length && masked.startsWith(word, previous.end)));
    const reach = listed ? previous!.reach : (mention.from ?? mention.start);
    const word = markAt.get(mention.start) || undefined;
    if (mention.subject === 'self') people.push({ ...mention, reach, who: 'self', person: 0 });
    else if (roles.pronouns.has(masked.slice(mention.start, mention.end)) && lastRelative > 0) people.push({ ...mention, reach, who: 'relative', person: lastRelative });
    else if (word !== undefined && personOf.has(word)) people.push({ ...mention, reach, who: 'relative', person: (lastRelative = personOf.get(word)!) });
    else {
      people.push({ ...mention, reach, who: 'relative', person: (lastRelative = ++persons) });
      if (word !== undefined) personOf.set(word, persons);
    }
  }
  const startsNear = (from: number) => people.some((other) => other.reach >= from && other.reach <= from + TOWARD_REACH);
  const afterModal = (at: number) => at + (roles.modals.find((modal) => masked.startsWith(modal, at))?.length ?? 0);
  const score = new Map<number, number>();
  for (const { reach, end, person } of people) {
    const before = (words: readonly string[]) => words.some((word) => masked.endsWith(word, reach));
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
  // One relative named, nobody's side said, and a binding word after them to nobody: they are the one to bind, whether
  // or not the person names themself too ("我是职工医保，我妈是居民医保，能绑吗").
  const relatives = [...score.keys()].filter((person) => person !== 0);
  if (relatives.length === 1 && [...score.values()].every((side) => side === 0)) {
    const lastEnd = Math.max(...people.filter((mention) => mention.person === relatives[0]).map((mention) => mention.end));
    const asked = roles.bindWords.some((word) => {
      for (let at = masked.indexOf(word, lastEnd); at >= 0; at = masked.indexOf(word, at + word.length)) if (!startsNear(at + word.length)) return true;
      return false;
    });
    if (asked) score.set(relatives[0]!, -1);
  }
  const known = [...score.values()].filter((side) => side !== 0).map(Math.sign);
  const unknown = [...score].filter(([, side]) => side === 0).map(([person]) => person);
  if (known.length > 0 && known.every((side) => side === known[0]) && unknown.length === 1) score.set(unknown[0]!, -known[0]!);
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
export function roleFeatures(masked: string, tokens: readonly string[], synonyms: SynonymHeads, subjects: Subjects, roles: Roles, relativeWords: readonly string[] = []): string[] {
  const mentions = sideMentions(masked, subjects, roles, relativeWords);
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
    const side = holder ? holder.side : unheldSide(masked, at + token.length, mentions, roles);
    if (side) features.push(`rc:${sideMark[side]}>${head}`);
  }
  return features;
}

/**
 * The side of a concern said before anyone in its clause: after someone named in an earlier clause, theirs; one describing the person after it ("交居民医保的老人能当被
 * 共济的人吗", "学生医保的娃…") is theirs — the first one after it in the clause whose side is known; otherwise it is the
 * asker's ("学生医保能绑定家人吗": the one binding) — the person's own side when said, else the giving side when every
 * relative whose side is known receives.
 */
function unheldSide(masked: string, after: number, mentions: readonly SideMention[], roles: Roles): Side | null {
  // Said after someone in an earlier clause, it goes on speaking of them ("女儿在读研究生，交的学生医保，…").
  const earlier = mentions.findLast((mention) => mention.end < after);
  if (earlier) return earlier.side;
  if (roles.describers.some((word) => masked.startsWith(word, after))) {
    const comma = masked.indexOf(',', after);
    return mentions.find((mention) => mention.start >= after && (comma < 0 || mention.start < comma) && mention.side)?.side ?? null;
  }
  const own = mentions.find((mention) => mention.who === 'self' && mention.side);
  if (own) return own.side;
  const relatives = mentions.filter((mention) => mention.who === 'relative' && mention.side);
  return relatives.length > 0 && relatives.every((mention) => mention.side === 'receiving') ? 'giving' : null;
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
