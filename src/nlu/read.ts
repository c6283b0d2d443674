import { intents, type Intent, type RefusalClass } from '../content/nluSchema.js';
import type { Topic } from '../content/schema.js';
import { surnameLength } from '../domain/index.js';
import { asTyped } from './asTyped.js';
import { onlyAPlace } from './onlyAPlace.js';
import { mixRankings, rankFaq, type FaqRanking } from './faqRanking.js';
import { likeliestIndex } from './linearClassifier.js';
import { featureKinds, type NluModel } from './nluModel.js';
import { askingSpans, asksInWords, clauseAsks, clauseSpans, isKeywordString, questionSpans, statesPurpose, type Span } from './askingClauses.js';
import { namesTheDomain, sharingWords } from './domainWords.js';
import { entitiesWithin, featuresOfKind, prepareText, spanOf, type KindFeatures, type PreparedText } from './prepareText.js';
import { placesApart } from './placesApart.js';
import { decideRefusal, refusalRule as landedRefusalRule, type RefusalRule } from './refusalRule.js';
import type { Entity, FaqCandidate, ReadContext, Reading, TopicScore, YesNo } from './reading.js';
import type { PeopleCues } from './peopleCues.js';
import type { Segmenter } from './segmenter.js';
import { namesSomeoneElse } from './namesSomeoneElse.js';
import { pickedOutByNumber } from './pickedOutByNumber.js';
import { soundAlikeWords } from './pinyinFeatures.js';
import { namesOutsider } from './subjectFeatures.js';
import type { FeatureKind } from './textFeatures.js';

/** An intent counts when its probability reaches this, in the whole message or in one of its clauses. */
export const INTENT_THRESHOLD = 0.5;
/**
 * A clause asking after a request to bind asks something of its own when its topic, read alone, is this sure: a bare
 * "行不", "可以吗", "中不中" leans to no topic above 0.38 (card_rules, eligibility), "户口本要复印件不" to materials at 0.96.
 */
export const ASKED_AFTER_REQUEST_THRESHOLD = 0.5;
/**
 * A clause after a request to bind that no question word marks asks something of its own when, read alone, it is a
 * question this surely: "结婚证得带原件还是拍个照就行" 0.92, "身份证要原件还是复印件" 0.81, "线上办还是去窗口" 0.95 (an
 * A还是B asks, though 还是 alone is no question word: "还是给我妈绑吧"); a situation told, "他是北京职工医保退休的" 0.53,
 * "户口在老家" 0.35, asks nothing (the retired fourteenth set's daughter filing for her father was answered instead).
 */
const CLAUSE_QUESTION_THRESHOLD = 0.75;
/** Instructions or fraud inside one clause refuse the whole message at this probability. */
const CLAUSE_REFUSAL_THRESHOLD = 0.6;
/**
 * Fraud inside one clause refuses the whole message only while the whole message is in scope less likely than this: a
 * clause that reads as fraud alone is most often the situation another clause asks about ("拿他的卡去医院给自己开点药，
 * 行吗", "…被查到会咋样", "…绑了我的以后，是先扣她自己的还是先扣我的"), and then the whole message reads in scope
 * surely; a clause asking for a way round a rule ("能帮我P一张…？绑定要用") leaves the whole message in doubt. Out of fold
 * (`tsx bench/refusalFaqConfidence.ts`: grouped 5-fold through `read`, refusal, intent and FAQ classifiers of the fold,
 * content of main fa8dd6c), fraud from one clause refused 31 in-scope examples and caught 5 fraud examples the whole
 * message did not; below 0.75 it refuses 11 of those in-scope examples and still catches the 5 (below 0.7: 9 and 4;
 * never: 0 and 0, but one dev and one probe question asking for a forged proof beside a question were answered).
 * Instructions from one clause (5 injection examples caught, 2 in-scope refused) always refuse.
 */
const CLAUSE_FRAUD_WHILE_IN_SCOPE_BELOW = 0.75;
/**
 * A message refused as another matter or someone's data by a narrow margin, whose FAQ topic is near certain, is
 * answered: "材料清单给我列一份" read as the FAQ's materials at 0.97 and was refused as someone's data (0.63). The
 * FAQ ranker never learns from refusal examples, so its certainty alone proves nothing; only where the refusal is
 * itself in doubt does it decide. Fraud and injected instructions are always refused: an answer to "能拿照片糊弄过刷脸吗"
 * would coach the fraud. Out of fold (`tsx bench/refusalFaqConfidence.ts`, 17,613 refusal-family examples, content of
 * main ca185b7), at topic ≥ 0.8 and refusal < 0.65: 22 of 367 refused in-scope examples kept, 5 of 2,635
 * refusal examples lost (4 out of scope, 1 data); < 0.6: 14 and 3; < 0.7: 26 and 13. Counting fraud as well would
 * have kept 47 and lost 15, 10 of them fraud.
 */
export const SURE_FAQ_TOPIC = 0.8;
const DOUBTFUL_REFUSAL_BELOW = 0.65;
/**
 * Where the FAQ topic is nearly certain, a refusal as another matter or someone's data is in doubt up to a little
 * higher: "得备哪些材料", "需要社保卡原件吗" name no other matter and read as one only by their generic words. Out of
 * fold (`tsx bench/refusalFaqConfidence.ts`, 18,209 refusal-family examples, content of main af06be3), topic ≥ 0.95
 * and refusal < 0.7 answers 5 more in-scope examples and no refusal example; < 0.75: 8 and 4; topic ≥ 0.9 and < 0.7:
 * 8 and 2.
 */
const NEARLY_CERTAIN_FAQ_TOPIC = 0.95;
const DOUBTFUL_REFUSAL_BELOW_NEARLY_CERTAIN = 0.7;
/**
 * Inside a binding form the person is binding: a question the FAQ is nearly certain of, refused only as another matter,
 * is in doubt up to here. "她要不要交结婚证照片？" asked while a wife's details were taken was refused as another
 * matter (0.77: a proof named without the sharing reads like marriage registration), though topic materials was 0.98.
 * Someone's data, fraud and instructions are judged as anywhere else.
 */
const DOUBTFUL_OTHER_MATTER_IN_A_FORM_BELOW = 0.8;
const FAQ_CANDIDATES = 5;
/** Of a message asking several questions, at most this many others are offered beside the answer. */
const OTHER_QUESTIONS = 2;
/** A last clause that reads as a request this surely is the request the message ends with (requestLast). */
const SURE_LAST_REQUEST = 0.8;
/** A question asked beside others is offered when its clause alone is this sure of its topic. */
const OTHER_QUESTION_SCORE = 0.5;
/**
 * In a long message, the share of the FAQ ranking taken from the clauses that ask (askingSpans); the rest is the whole
 * message's. Measured out of fold by `tsx bench/askingClause.ts` (grouped 5-fold, 6,268 FAQ examples with their
 * region-mention copies, 2,353 of them with a clause that asks beside one that does not; and the same held-out
 * questions with generated context said first, 5,652 of them with such a clause), topic accuracy at main 92b9eca:
 *
 * | asking share               | 0     | 0.2   | 0.3   | 0.4   | 0.5   | 0.6   | 0.8   | 1     |
 * |----------------------------|-------|-------|-------|-------|-------|-------|-------|-------|
 * | examples as written        | 90.78 | 90.84 | 90.78 | 90.71 | 90.43 | 89.63 | 88.35 | 87.14 |
 * | with context said first    | 75.11 | 80.66 | 83.30 | 85.31 | 86.44 | 86.52 | 85.94 | 85.56 |
 *
 * 0.2 is the examples' best (chosen on them alone); a larger share helps long messages more but costs the examples,
 * whose asking clause is often "怎么弄" after the clause that names the subject. Without the clause endings
 * (questionWords.yaml `endings`, measured before the pinyin features) 90.87 / 80.15 at 0.2 against 90.87 / 80.60 with
 * them. A product of experts (the whole message's topic probabilities times the asking clauses' to a power) did no
 * better: 90.78 / 81.81 at power 0.2, 90.59 / 85.08 at 0.5. Measured again in the eighth session (7,202 examples):
 * a share that grows with the part of the message outside the asking clauses (0.2 + 0.3…0.8 × that part), or that is
 * larger from 3 or 4 clauses or 25…40 characters on, lies on the same curve as a fixed share — every gain on the long
 * messages costs the examples as written as much as a larger fixed share does (0.2 + 0.5 × outside: 90.45 / 85.12
 * against 90.75 / 85.41 at a fixed 0.5) — and raising the mixed topic's confidence to what the asking clauses alone
 * give it answers 1.0 % more long messages right and 0.4 % more wrong. So 0.2 stays; long stories are taught by
 * examples (flows/nlu/faq-long-stories*.yaml).
 */
export const ASKING_SHARE = 0.2;

/**
 * How much the other provinces' topic weighs in when the message places a relative in another province than the
 * person ("想给在安徽的我妈用我的个账，浙里办能办吗" from Hangzhou): whatever else it asks, the answer turns on binding not
 * reaching across provinces. Mixed in like the asking clauses, so a topic read far more surely still leads.
 */
export const PLACES_APART_SHARE = 0.3;
/**
 * How much it weighs in when the message is read as asking whether the relative may be bound or the person may share
 * (who_can_bind, eligibility): for a relative in another province the answer is that binding does not reach them, so
 * the other provinces' topic leads ("我妹在新疆打工，医保也在那边交的，她能绑到我这不" in a form for 四川).
 */
export const PLACES_APART_WHETHER_SHARE = 0.6;
const whetherTopics: readonly Topic[] = ['who_can_bind', 'eligibility'];

/** What the engine gives `read` besides the text; `refusalRule` only where another rule is measured (bench). */
export type ReadTools = { model: NluModel; segmenter: Segmenter; refusalRule?: RefusalRule };

/**
 * The one reading of a message: normalised once, segmented once, entities found once, every classifier run once.
 * Pure: the model and the segmenter are given. The result is frozen; later steps only look at it.
 */
export function read(text: string, tools: ReadTools, context: ReadContext): Reading {
  const { model, segmenter } = tools;
  const prepared = prepareText(text, segmenter, model.vocabulary, context);
  // What each clause does (its intents, the detail and scope it names) is read at spaces between words too ("不对 先不绑
  // 她了"); a refusal only at punctuation, where a clause says enough to be judged alone (measured: with spaced clauses
  // judged alone, three in-scope questions of the retired second fresh set were refused as fraud). Search terms typed
  // apart ("绑定 条件 父母") are one question, never cut at their spaces (isKeywordString); with a question pending, words
  // typed apart answer it ("搞掂 提交" at the confirmation) and are cut as before.
  const punctuatedSpans = clauseSpans(prepared.normalised);
  const words = prepared.tokens.map((token) => token.word);
  const keywords = context.pending === null && isKeywordString(prepared.normalised, prepared.tokens, namesTheDomain(prepared.normalised, words, false, model.vocabulary.synonyms));
  const spacedSpans = keywords ? punctuatedSpans : clauseSpans(prepared.normalised, { spaces: true });
  const spokenSpans = context.pending === null && context.formOpen !== true ? spacedSpans : atRelayedSpeech(spacedSpans, prepared, model.vocabulary.people);
  const clauses = clausesOf(prepared, model, spokenSpans);
  const punctuated = punctuatedSpans.length === spokenSpans.length ? clauses : clausesOf(prepared, model, punctuatedSpans);

  const intentScores = new Map<Intent, number>();
  const found: { intent: Intent; position: number }[] = [];
  // A clause cut only at a space is a guess at where a comma was meant: what it says surely counts, and its lesser
  // leanings stay out of the scores (otherwise "叫啥名" after "你是谁啊" leans enough to a question to lose the chat).
  const cutAtPunctuation = new Set(punctuatedSpans.map(({ start, end }) => `${start}-${end}`));
  const notice = (probabilities: Float64Array, position: number | ((index: number) => number), sure = false) => {
    model.intent.labels.forEach((label, index) => {
      const intent = label as Intent;
      const score = probabilities[index]!;
      if (!sure || score >= INTENT_THRESHOLD) intentScores.set(intent, Math.max(intentScores.get(intent) ?? 0, score));
      if (score >= INTENT_THRESHOLD) found.push({ intent, position: typeof position === 'number' ? position : position(index) });
    });
  };
  const whole = model.intent.predict(prepared.actFeatures);
  const clauseIntents = clauses.length > 1 ? clauses.map((clause) => ({ clause, probabilities: model.intent.predict(clause.actFeatures) })) : [];
  for (const [index, { clause, probabilities }] of clauseIntents.entries()) {
    const span = spokenSpans[index]!;
    // "四川省，有没有活人": a clause that only says where the person is answers nothing unless the region is asked;
    // the rest of the message says what it is.
    if (context.pending !== 'region' && onlyAPlace(prepared.normalised.slice(span.start, span.end), entitiesWithin(prepared.entities, span.start, span.end), model.vocabulary.placeFraming)) continue;
    notice(probabilities, clause.start, !cutAtPunctuation.has(`${span.start}-${span.end}`));
  }
  // What the whole message says stands where the clause saying most of it stands.
  notice(whole, (index: number) => {
    let best = clauseIntents[0];
    for (const candidate of clauseIntents) if (candidate.probabilities[index]! > best!.probabilities[index]!) best = candidate;
    return best?.clause.start ?? 0;
  });
  const ordered = [...new Set(found.sort((a, b) => a.position - b.position).map((entry) => entry.intent))];
  // "不对，是我岳母": a no followed by the right value is a correction, whatever each clause says alone.
  if (ordered.includes('deny') && ordered.indexOf('answer') > ordered.indexOf('deny') && !ordered.includes('correction')) ordered.push('correction');

  // "阮福建的个账" (闽南: our Fujian account): a surname before a place the reader knows is no one's name.
  const nonNameWord = (word: string) => tools.segmenter.isNonNameWord?.(word) === true || model.vocabulary.regions.isName(word.slice(surnameLength(word)));
  const someoneElse = notMistyped(namesSomeoneElse(prepared.normalised, prepared.entities, model.vocabulary.people, nonNameWord, prepared.tokens), prepared.normalised, model);
  const givesNumbers = prepared.entities.some((entity) => entity.kind === 'idNumber' || entity.kind === 'phone');
  // "尾号6218的那个人绑上没": someone picked out by (part of) a number is asked about as a named stranger is.
  const pickedOut = pickedOutByNumber(prepared.normalised, prepared.entities, model.vocabulary.people);
  // "…我是孙学民，同学的学": a clause that only explains how a character is written is judged nothing on its own.
  // "…刷脸总是失败 (72). whatever?": one English word the glossary does not know says nothing alone either (the
  // classifiers met lone English words mostly in instructions injected into the text).
  const judged = punctuated.filter((_, index) => {
    const said = clauseText(prepared.normalised, punctuatedSpans[index]!);
    return !model.vocabulary.people.explainsCharacter(said) && !ONE_LATIN_WORD.test(said);
  });
  // The clauses that ask, read once: the FAQ ranking leans to them, and a story's refusal is judged by them.
  const asking = clausesOf(prepared, model, askingSpans(prepared.normalised, model.vocabulary.questionWords));
  const story = prepared.normalised.length >= STORY_LENGTH && punctuatedSpans.length >= STORY_CLAUSES;
  const rule = tools.refusalRule ?? landedRefusalRule;
  const refusalScores = model.refusal.predict(prepared.features);
  const { refusal: decided, inAClause } = refusalOf(model, refusalScores, judged, story ? asking : [], rule);
  const sharing = sharingWords(model.vocabulary.synonyms);
  const apart = placesApart(prepared.normalised, prepared.entities, model.vocabulary.regions, context.region ?? null);
  const ranked = faqRankingOf(model, prepared, asking);
  const whether = whetherTopics.includes(ranked.topics[0]?.topic as Topic);
  const ranking = apart ? leaningToOtherProvinces(ranked, whether ? PLACES_APART_WHETHER_SHARE : PLACES_APART_SHARE) : ranked;
  const inScope = (decided.class === 'out_of_scope' && asksOfTheSharing(model, prepared, sharing, rule)) || sureOfTheFaq(decided, ranking.topics[0]?.score ?? 0, !inAClause && fraudInDoubt(model, refusalScores, decided, rule), context.formOpen === true);
  const refusal = inScope ? { class: 'in_scope' as const, score: 0 } : decided;
  const faq: FaqCandidate[] = ranking.entries.slice(0, FAQ_CANDIDATES).map((entry) => ({ ...entry, score: round(entry.score) }));
  const otherQuestions = otherQuestionsOf(model, prepared, ranking, !keywords);
  const topics: TopicScore[] = ranking.topics.map((topic) => ({ ...topic, score: round(topic.score) }));

  const firstClause = clauseIntents[0]?.probabilities ?? whole;
  const reading: Reading = {
    text,
    normalised: prepared.normalised,
    tokens: words,
    // Names as typed (陳淑華 stays 陳淑華 in the summary and the filing); every other entity is read in normal form.
    entities: prepared.entities.map((entity) => (entity.kind === 'name' ? { ...entity, value: asTyped(text, entity.value) } : entity)),
    mentions: prepared.mentions,
    typedFor: prepared.typedFor,
    lentBy: prepared.lentBy,
    asksInWords: asksInWords(prepared.normalised, model.vocabulary.questionWords),
    namesTheSharing: sharing.some((word) => prepared.normalised.includes(word)),
    onlyAPlace: onlyAPlace(prepared.normalised, prepared.entities, model.vocabulary.placeFraming),
    namesOutsider: namesOutsider(prepared.masked, prepared.entities, model.vocabulary.subjects) || someoneElse !== null || pickedOut,
    asksAboutNamed: context.pending === null && ((someoneElse !== null && !givesNumbers) || pickedOut),
    region: regionOf(prepared.entities),
    placesApart: apart,
    intents: ordered,
    intentScores: intents.map((intent) => ({ intent, score: round(intentScores.get(intent) ?? 0) })).sort((a, b) => b.score - a.score),
    yesNo: yesNoOf(model, firstClause) ?? wholeYesNo(model, whole, ordered) ?? yesOfOneClause(ordered) ?? yesNoBesideThanks(model, prepared, whole) ?? bareNegator(model, prepared),
    refusal,
    faq,
    topics,
    askedAfterRequest: askedAfterRequest(model, prepared, spokenSpans, clauseIntents),
    requestLast: requestLast(model, prepared, spokenSpans, clauseIntents),
    otherQuestions,
    target: targetOf(model, prepared, clauses, spokenSpans),
  };
  return deepFreeze(reading);
}

type Clause = { start: number } & KindFeatures;

/**
 * "我爸说只给我妈一个人弄": while a form is open or a detail asked, the clauses cut once more where a relative or 他/她
 * passes on what they say (people.yaml `relaying`), so that what they say is read alone as the person's own words would
 * be — the typist relays the one who applies. A cut like a space's: only what the reading is sure of counts. With no
 * form open it is mostly hearsay ("闺女说能把我卡里的钱给老伴用，咋弄" asks how), read whole.
 */
function atRelayedSpeech(spans: readonly Span[], prepared: PreparedText, people: PeopleCues): Span[] {
  const speakersEnd = prepared.entities.filter((entity) => entity.kind === 'relationship').map((entity) => entity.end);
  // By UTF-16 index, as the spans are: an emoji before a pronoun must not shift it.
  for (let index = 0; index < prepared.normalised.length; index += 1) if (people.memberPronouns.has(prepared.normalised[index]!)) speakersEnd.push(index + 1);
  const cuts = speakersEnd.flatMap((end) => {
    const verb = people.relays.exec(prepared.normalised.slice(end))?.[0];
    return verb === undefined ? [] : [end + verb.length];
  });
  if (cuts.length === 0) return [...spans];
  return spans.flatMap((span) => {
    const inside = [...new Set(cuts)].filter((cut) => cut > span.start && cut < span.end).sort((a, b) => a - b);
    const bounds = [span.start, ...inside, span.end];
    return bounds.slice(1).map((end, index) => ({ start: bounds[index]!, end }));
  });
}

/** The message cut into these clauses (at punctuation, and perhaps at spaces: clauseSpans), each read on its own. */
function clausesOf(prepared: PreparedText, model: NluModel, spans: readonly Span[]): Clause[] {
  return spans.map(({ start, end }) => spanOf(prepared, model.vocabulary, start, end));
}

/** A clause's text without the punctuation or spaces around it. */
function clauseText(normalised: string, { start, end }: Span): string {
  return normalised.slice(start, end).replace(/^[\s,，.!！?？~;；:：]+|[\s,，.!！?？~;；:：]+$/g, '');
}

/** The FAQ ranking of the whole message, leaning towards the clauses that ask when only some of them do. */
function faqRankingOf(model: NluModel, prepared: PreparedText, asking: readonly Clause[]): FaqRanking {
  const whole = rankFaq(model.faq, featuresOfKind(prepared, featureKinds.faq));
  if (asking.length === 0) return whole;
  const features = asking.flatMap((clause) => featuresOfKind(clause, featureKinds.faq));
  return mixRankings(whole, rankFaq(model.faq, features), ASKING_SHARE);
}

/** The ranking with the other provinces' topic mixed in at `share`, its entries as they were read among themselves. */
function leaningToOtherProvinces(ranking: FaqRanking, share: number): FaqRanking {
  const entries = ranking.entries.filter((entry) => entry.topic === 'cross_region');
  const total = entries.reduce((sum, entry) => sum + entry.score, 0) || 1;
  const lean: FaqRanking = { topics: [{ topic: 'cross_region', score: 1 }], entries: entries.map((entry) => ({ ...entry, score: entry.score / total })) };
  return mixRankings(ranking, lean, share);
}

/** The FAQ ranking of one stretch of the message read alone. */
function rankClause(model: NluModel, prepared: PreparedText, start: number, end: number): FaqRanking {
  return rankFaq(model.faq, featuresOfKind(spanOf(prepared, model.vocabulary, start, end), featureKinds.faq));
}

/** Intents that ask the assistant to do something here, which a later clause may ask about ("先把我妈解除了，怎么弄"). */
const requestIntents = ['start_binding', 'unbind', 'status'] as const satisfies readonly Intent[];

/**
 * The topic a clause after the first clause that asks to bind, unbind or check asks about, when it asks (a question word or ending, or
 * read alone it is a question: "给我媳妇绑，结婚证得带原件还是拍个照就行" asks by its "A还是B", which no question word
 * marks) and is sure of one, read alone or with the clause before it that says what it asks of ("她是新农合的，符合不
 * 符合"); the surest of several.
 */
function askedAfterRequest(model: NluModel, prepared: PreparedText, spans: readonly Span[], clauseIntents: readonly { probabilities: Float64Array }[]): TopicScore | null {
  const requests = requestIntents.map((intent) => model.intent.labels.indexOf(intent));
  const isRequest = ({ probabilities }: { probabilities: Float64Array }) => requests.some((index) => probabilities[index]! >= INTENT_THRESHOLD);
  const binding = model.intent.labels.indexOf('start_binding');
  const question = model.intent.labels.indexOf('question');
  const request = clauseIntents.findIndex((clause) => isRequest(clause));
  if (request < 0) return null;
  let found: TopicScore | null = null;
  const consider = (start: number, end: number, [best] = rankClause(model, prepared, start, end).topics) => {
    if (best !== undefined && best.score >= ASKED_AFTER_REQUEST_THRESHOLD && best.score > (found?.score ?? 0)) found = { topic: best.topic, score: round(best.score) };
  };
  let lastRequest = request;
  for (let index = request + 1; index < spans.length; index += 1) {
    const span = spans[index]!;
    if (isRequest(clauseIntents[index]!)) lastRequest = index;
    const questionWords = model.vocabulary.questionWords;
    if (!clauseAsks(prepared.normalised, span, questionWords) && (statesPurpose(prepared.normalised, span, questionWords) || clauseIntents[index]!.probabilities[question]! < CLAUSE_QUESTION_THRESHOLD)) continue;
    // "…把我妈的共济解除，怎么弄": a bare how reads alone as how to bind, the commonest how; after a request that is
    // surest to unbind or check it asks how to do that, and is read with the request.
    const aloneTopics = rankClause(model, prepared, span.start, span.end).topics;
    const [alone] = aloneTopics;
    const requested = clauseIntents[lastRequest]!.probabilities;
    // "我想将亲情账号解绑，粤医保点操作？": the request clause leans to binding too (0.71), but unbinding more (0.82).
    const surestRequest = Math.max(...requests.map((index) => requested[index]!));
    if (alone?.topic === 'how_to_bind' && requested[binding]! < surestRequest) {
      consider(spans[lastRequest]!.start, span.end);
      continue;
    }
    consider(span.start, span.end, aloneTopics);
    if (index > request + 1) consider(spans[index - 1]!.start, span.end);
  }
  return found;
}

/**
 * "…怎么绑老婆，直接帮我办吧": the request of the last clause, when it is the surest reading of that clause, asks nothing
 * itself, and a clause before it asks — the person asked, then said what they want done.
 */
function requestLast(model: NluModel, prepared: PreparedText, spans: readonly Span[], clauseIntents: readonly { probabilities: Float64Array }[]): Reading['requestLast'] {
  const last = clauseIntents.at(-1)?.probabilities;
  if (last === undefined || clauseIntents.length !== spans.length) return null;
  const questionWords = model.vocabulary.questionWords;
  if (clauseAsks(prepared.normalised, spans.at(-1)!, questionWords)) return null;
  if (!spans.slice(0, -1).some((span) => clauseAsks(prepared.normalised, span, questionWords))) return null;
  const surest = Math.max(...last);
  const request = requestIntents.find((intent) => last[model.intent.labels.indexOf(intent)] === surest);
  return request !== undefined && surest >= SURE_LAST_REQUEST ? request : null;
}

/**
 * The other questions of a message that asks several: each asking clause ranked alone, its best entry within its best
 * topic when the clause is sure of that topic, other than the entry the whole message is answered from (the best
 * entry of its best topic), each entry once, in the order asked.
 */
function otherQuestionsOf(model: NluModel, prepared: PreparedText, whole: FaqRanking, spaces: boolean): FaqCandidate[] {
  const spans = questionSpans(prepared.normalised, model.vocabulary.questionWords, { spaces });
  if (spans.length === 0) return [];
  const answered = whole.entries.find((entry) => entry.topic === whole.topics[0]?.topic)?.entryId;
  const others: FaqCandidate[] = [];
  for (const { start, end } of spans) {
    const ranking = rankClause(model, prepared, start, end);
    const [topic] = ranking.topics;
    const entry = ranking.entries.find((candidate) => candidate.topic === topic?.topic);
    if (topic === undefined || entry === undefined || topic.score < OTHER_QUESTION_SCORE) continue;
    if (entry.entryId === answered || others.some((other) => other.entryId === entry.entryId)) continue;
    others.push({ ...entry, score: round(topic.score) });
  }
  return others.slice(0, OTHER_QUESTIONS);
}

/**
 * `whole`: the refusal classifier's probabilities for the whole message; `storyAsking`: the asking clauses of a story
 * (STORY_LENGTH, STORY_CLAUSES), none for any other message.
 */
function refusalOf(model: NluModel, whole: Float64Array, clauses: readonly Clause[], storyAsking: readonly Clause[], rule: RefusalRule): { refusal: Reading['refusal']; inAClause: boolean } {
  if (clauses.length > 1) {
    const inScope = whole[model.refusal.labels.indexOf('in_scope')] ?? 0;
    const kinds: readonly RefusalClass[] = inScope < CLAUSE_FRAUD_WHILE_IN_SCOPE_BELOW ? ['injection', 'fraud'] : ['injection'];
    for (const clause of clauses) {
      const probabilities = model.refusal.predict(clause.features);
      for (const kind of kinds) {
        const index = model.refusal.labels.indexOf(kind);
        if (index >= 0 && probabilities[index]! >= CLAUSE_REFUSAL_THRESHOLD) return { refusal: { class: kind, score: round(probabilities[index]!) }, inAClause: true };
      }
    }
  }
  const decision = decideRefusal(model.refusal.labels, whole, rule);
  if (TOLD_AROUND.includes(decision.class) && askedInScope(model, storyAsking, rule)) return { refusal: { class: 'in_scope', score: 0 }, inAClause: false };
  return { refusal: { class: decision.class, score: round(decision.score) }, inAClause: false };
}

/**
 * What a long message tells around its question (age, illness, where the children work, what a neighbour said) reads as
 * another matter or as someone's private life; the clauses that ask say what is asked. Refused as out of scope or as
 * someone's data only when the asking clauses, read alone, are refused too. Fraud and instructions are judged on the
 * whole message: the plan is told in one clause and "能行吗" asks about it in another.
 */
const TOLD_AROUND: readonly RefusalClass[] = ['out_of_scope', 'private_data'];
/** A clause of one Latin word and nothing else but digits and punctuation. */
const ONE_LATIN_WORD = /^[^\p{Script=Han}a-z]*[a-z]+[^\p{Script=Han}a-z]*$/u;
/**
 * Only a story: in a short message the asking clause is often no more than "能不能申诉", "咋弄", "你帮我看看", which
 * alone lean in scope though the message asks of another matter or of someone else (the retired fourteenth and
 * fifteenth sets lost six refusals when every message with an asking clause was judged by it).
 */
const STORY_LENGTH = 30;
const STORY_CLAUSES = 3;

/**
 * "智工医保可以给父母用吗": a name that is part of a stretch sounding like a domain word it does not write (智工医保,
 * 职工医保 mistyped) is that word, no one's name. Searched only when a name was found (most messages name no one), and
 * over the characters alone: the segmenter's words (医保 here) would hide the stretch they stand in.
 */
function notMistyped(name: string | null, normalised: string, model: NluModel): string | null {
  if (name === null) return null;
  const start = normalised.indexOf(name);
  const end = start + name.length;
  return soundAlikeWords(normalised, [], model.vocabulary.soundsLike).some((found) => found.start < end && start < found.end) ? null : name;
}

/**
 * A refusal in doubt of a message the FAQ is sure of (SURE_FAQ_TOPIC): as another matter or someone's data by a narrow
 * margin, or as a fraud that is itself less likely than in scope (fraudInDoubt).
 */
function sureOfTheFaq(decided: Reading['refusal'], topicScore: number, fraudDoubted: boolean, inAForm: boolean): boolean {
  if (topicScore < SURE_FAQ_TOPIC) return false;
  const nearlyCertain = topicScore >= NEARLY_CERTAIN_FAQ_TOPIC;
  if (nearlyCertain && inAForm && decided.class === 'out_of_scope' && decided.score < DOUBTFUL_OTHER_MATTER_IN_A_FORM_BELOW) return true;
  const doubtfulBelow = nearlyCertain ? DOUBTFUL_REFUSAL_BELOW_NEARLY_CERTAIN : DOUBTFUL_REFUSAL_BELOW;
  return ((decided.class === 'out_of_scope' || decided.class === 'private_data') && decided.score < doubtfulBelow) || fraudDoubted;
}

/**
 * A fraud refusal of the whole message made only because every refusing class together outweighs in scope, while fraud
 * alone is less likely than in scope. A fraud found in one clause (CLAUSE_REFUSAL_THRESHOLD) is never in doubt, even
 * where the whole leans the same way: "出生证明能不能P一下改个名字，好绑孩子" (the clause 0.82; the whole 0.48 against
 * in scope 0.50) was answered with the materials. Whole-message examples: "他在外地上大学，人脸他自己做还是我替他做" (fraud 0.32, another matter 0.16, in scope 0.47 — the clause
 * telling where the son is reads as another matter), "冒用医保卡算犯罪吗". Out of fold (`tsx bench/refusalFaqConfidence.ts`,
 * 17,897 refusal-family examples, main 7996a7e), with the FAQ topic at SURE_FAQ_TOPIC or above: 13 in-scope examples
 * answered that were refused, 2 fraud and 1 out-of-scope example answered (a voice recording for the face check gets
 * the face-check answer, which says the relative does it in person; a card as a loan's security gets the card rules).
 */
function fraudInDoubt(model: NluModel, whole: Float64Array, decided: Reading['refusal'], rule: RefusalRule): boolean {
  const { labels } = model.refusal;
  if (decided.class !== 'fraud' || whole[labels.indexOf('fraud')]! >= whole[labels.indexOf('in_scope')]!) return false;
  return decideRefusal(labels, whole, rule).class === 'fraud';
}

/**
 * "社保卡密码忘了咋办，另外共济在哪办", "顺便问下…，不过主要是想问共济在哪办": of two questions or more, one that names
 * the sharing itself and reads in scope alone is asked of this service, however the whole leans to the other matter;
 * it is answered (the FAQ ranking reads the whole message, where the sharing's words lead).
 */
function asksOfTheSharing(model: NluModel, prepared: PreparedText, sharing: readonly string[], rule: RefusalRule): boolean {
  return questionSpans(prepared.normalised, model.vocabulary.questionWords, { spaces: false }).some(({ start, end }) => {
    const clause = prepared.normalised.slice(start, end);
    if (!sharing.some((word) => clause.includes(word))) return false;
    return decideRefusal(model.refusal.labels, model.refusal.predict(spanOf(prepared, model.vocabulary, start, end).features), rule).class === 'in_scope';
  });
}

function askedInScope(model: NluModel, asking: readonly Clause[], rule: RefusalRule): boolean {
  if (asking.length === 0) return false;
  const features = asking.flatMap((clause) => clause.features);
  return decideRefusal(model.refusal.labels, model.refusal.predict(features), rule).class === 'in_scope';
}

/** Yes or no when the clause's strongest intent is to affirm, or to deny or decline. */
function yesNoOf(model: NluModel, probabilities: Float64Array): YesNo {
  // Deny and decline_more both say no to a yes/no question: "不行谢谢" leans to each (0.45 and 0.17) and is a no.
  const score = (intent: Intent) => probabilities[model.intent.labels.indexOf(intent)] ?? 0;
  if (score('affirm') >= INTENT_THRESHOLD) return 'yes';
  if (score('deny') + score('decline_more') >= INTENT_THRESHOLD) return 'no';
  return null;
}

/**
 * The whole message's yes or no, but no yes where a clause names something wrong: "手机号错了，其他的都对" at the summary
 * leans to a yes as a whole, and must not file a wrong phone number.
 */
function wholeYesNo(model: NluModel, whole: Float64Array, intents: readonly Intent[]): YesNo {
  const yesNo = yesNoOf(model, whole);
  return yesNo === 'yes' && intents.includes('correction') ? null : yesNo;
}

/**
 * "这下名字没得错了，帮我交上去": a yes said by a later clause answers for the message when no clause says no, corrects,
 * cancels or asks (the first clause here leans to nothing, and the whole is less sure than its last clause).
 */
function yesOfOneClause(intents: readonly Intent[]): YesNo {
  const unsettled = intents.some((intent) => intent === 'deny' || intent === 'decline_more' || intent === 'correction' || intent === 'cancel' || intent === 'question');
  return intents.includes('affirm') && !unsettled ? 'yes' : null;
}

/**
 * "没", "冇", "甭" typed as the whole answer (a terse typist at "还要再添加其他家人吗？"): one of the editors' negators
 * alone is a no, however little the intent classifier makes of one character ("没" alone leans to the status
 * examples' 好了没). Adding it as an example moved other readings instead (错了 below sure, one fresh question refused).
 */
function bareNegator(model: NluModel, prepared: PreparedText): YesNo {
  const bare = prepared.normalised.replace(/[\s，,。.!！?？~～…]/g, '');
  // "没有" is the same word as "没" (at "还要再添加其他家人吗？" it reads as not knowing, just above a decline).
  const negator = bare.endsWith('有') ? bare.slice(0, -1) : bare;
  return negator.length === 1 && model.vocabulary.negation.negators.has(negator) ? 'no' : null;
}

/**
 * "好的谢谢", "同意谢谢你": a yes or a no said before thanks, without punctuation between them, reads as thanks whole.
 * Cut between two words where what follows is the thanks, what comes before says the answer: at a yes/no question
 * that is the answer (out of context the message stays thanks: its intents are not changed). "谢谢" alone, or thanks
 * first ("谢谢您嘞", whose 嘞 alone would read as a yes), is no answer.
 */
function yesNoBesideThanks(model: NluModel, prepared: PreparedText, whole: Float64Array): YesNo {
  const thanks = model.intent.labels.indexOf('thanks');
  if (thanks < 0 || whole[thanks]! < INTENT_THRESHOLD) return null;
  const found = new Set<YesNo>();
  for (const { start: cut } of prepared.tokens.slice(1)) {
    const before = model.intent.predict(spanOf(prepared, model.vocabulary, 0, cut).actFeatures);
    if (before[thanks]! >= INTENT_THRESHOLD) break;
    if (model.intent.predict(spanOf(prepared, model.vocabulary, cut, prepared.normalised.length).actFeatures)[thanks]! >= INTENT_THRESHOLD) found.add(yesNoOf(model, before));
  }
  found.delete(null);
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * The detail a message names, whether the person's own, whether the whole application (in the message or one of its
 * clauses: "算了，不办了"): each classifier's best label when it is sure enough.
 */
function targetOf(model: NluModel, prepared: PreparedText, clauses: readonly Clause[], spans: readonly Span[]): Reading['target'] {
  const best = (classifier: NluModel['field'], kind: FeatureKind, text: KindFeatures = prepared) => {
    const probabilities = classifier.predict(featuresOfKind(text, kind));
    const top = likeliestIndex(probabilities);
    return probabilities[top]! >= INTENT_THRESHOLD ? classifier.labels[top] : undefined;
  };
  const fieldOf = (text: KindFeatures) => {
    const field = best(model.field, featureKinds.field, text);
    return field === 'name' || field === 'idNumber' || field === 'phone' ? field : null;
  };
  const clauseTarget = (clause: Clause, end: number): NonNullable<Reading['target']['clauses']>[number] => ({
    start: clause.start,
    end,
    field: fieldOf(clause),
    own: best(model.whose, featureKinds.whose, clause) === 'own',
    asks: clauseAsks(prepared.normalised, { start: clause.start, end }, model.vocabulary.questionWords),
  });
  return {
    field: fieldOf(prepared),
    own: best(model.whose, featureKinds.whose) === 'own',
    whole: [prepared, ...clauses].some((text) => best(model.scope, featureKinds.scope, text) === 'whole'),
    ...(clauses.length > 1 ? { clauses: clauses.map((clause, index) => clauseTarget(clause, spans[index]!.end)) } : {}),
  };
}

function regionOf(entities: readonly Entity[]): Reading['region'] {
  const region = entities.find((entity) => entity.kind === 'region');
  return region?.kind === 'region' ? { code: region.code, name: region.name } : null;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
