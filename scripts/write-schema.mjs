// Writes schema/deck.schema.json from the field table (run after a build: npm run schema).
import { writeFileSync } from 'node:fs';
import { deckJsonSchema } from '../dist/deckfile/schema.js';

writeFileSync(new URL('../schema/deck.schema.json', import.meta.url), `${JSON.stringify(deckJsonSchema(), null, 2)}\n`);
console.log('wrote schema/deck.schema.json');
