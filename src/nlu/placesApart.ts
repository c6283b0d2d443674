import type { RegionMention, RegionReader } from '../domain/regions.js';
import type { Entity } from './reading.js';

/** Between a place and the relative it is of: "天津的老爹", "四川老家的老妈", "河南那边的爸妈", "在安徽的我妈". */
const placeBeforeRelative = /^(的|老家的?|那边的?|那儿的?|这边的?)(我|俺|咱|我家|俺家)?$/;
/** Between a relative and their place: "我妈在安徽", "老伴也在湖南", "我老汉医保是在云南…". */
const relativeBeforePlace = /^(?:的?医保)?[也都还是]{0,2}在$/;

/**
 * Whether a place named is where a relative is, not the person: "我妈在沈阳参保", "四川老家的老妈", and "她在成都参的居民医保"
 * after the relative (one of `memberPronouns`, people.yaml, right before its 在).
 */
export function isRelativesPlace(normalised: string, entities: readonly Entity[], place: Place, memberPronouns: readonly string[]): boolean {
  // "我自己在成都" is the person's own place.
  const relatives = entities.filter((entity) => entity.kind === 'relationship' && !(entity.match.kind === 'ineligible' && entity.match.reason === 'self'));
  if (relatives.length === 0) return false;
  if (besideARelative(normalised, relatives, place)) return true;
  const lead = /[也都还]?在$/.exec(normalised.slice(0, place.start));
  return lead !== null && memberPronouns.some((pronoun) => normalised.slice(0, place.start - lead[0].length).endsWith(pronoun));
}

type Place = { start: number; end: number };

/** A place said right before one of the relatives as theirs ("天津的老爹") or right after one ("我妈在安徽"). */
function besideARelative(normalised: string, relatives: readonly Entity[], place: Place): boolean {
  return relatives.some(
    (relative) =>
      (relative.start >= place.end && placeBeforeRelative.test(normalised.slice(place.end, relative.start))) ||
      (place.start >= relative.end && relativeBeforePlace.test(normalised.slice(relative.end, place.start))),
  );
}

/**
 * Whether the text names a relative's place in another province than a place it names besides ("在河北交的 想给天津的
 * 老爹用", "我在江苏上班，想给四川老家的老妈用"), or, naming no other, than the region the conversation is in
 * (`around`: "我老汉医保是在云南老家交的，他能加进来不" in a form for 重庆): where the person and the relative are insured
 * lie apart. A place that is no relative's ("人在北京出差", "老家在黑龙江") says where someone is, not who is insured there.
 */
export function placesApart(normalised: string, entities: readonly Entity[], regions: RegionReader, around: string | null = null): boolean {
  // "四川的朋友说能绑": a friend's place is no relative's.
  const relatives = entities.filter((entity) => entity.kind === 'relationship' && !(entity.match.kind === 'ineligible' && (entity.match.reason === 'nonRelative' || entity.match.reason === 'self')));
  // Most messages name no relative: the places are not looked for again (findEntities found the one it keeps).
  if (relatives.length === 0) return false;
  const mentions = regions.mentions(normalised);
  const ofARelative = (mention: RegionMention) => besideARelative(normalised, relatives, mention);
  const province = (mention: RegionMention) => mention.region.code.slice(0, 2);
  const relativesPlaces = mentions.filter(ofARelative);
  // "我在510107参保，老爸在重庆": a district code typed is a place too (the names read above hold no codes).
  const coded = entities.flatMap((entity) => (entity.kind === 'region' && entity.via === 'code' ? [entity.code.slice(0, 2)] : []));
  const others = [...mentions.filter((mention) => !relativesPlaces.includes(mention)).map(province), ...coded];
  if (others.length === 0) return around !== null && /^\d{6}$/.test(around) && relativesPlaces.some((place) => province(place) !== around.slice(0, 2));
  return relativesPlaces.some((place) => others.some((other) => other !== province(place)));
}
