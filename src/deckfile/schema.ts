/**
 * The JSON Schema of deck files (schema/deck.schema.json), generated from the same field table the
 * validator reads, so that editors and `lint` agree. `npm run schema` writes it; a test checks that
 * the committed file is what this produces.
 */
import { DECK_FIELDS, DECK_NAME, KIND_FIELDS, LANGUAGE_CODE, NOTE_FIELDS, NOTE_ID, OPTION_FIELDS, TAG, type FieldSpec, type FieldType } from './fields.js';

type Schema = Record<string, unknown>;

const text: Schema = {
  anyOf: [
    { type: ['string', 'number'] },
    {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: LANGUAGE_CODE.source },
      additionalProperties: { type: ['string', 'number'] },
    },
  ],
};

function schemaOf(type: FieldType): Schema {
  switch (type) {
    case 'text':
      return { $ref: '#/$defs/text' };
    case 'answer':
      return { anyOf: [{ const: '' }, { $ref: '#/$defs/text' }] };
    case 'texts':
      return { type: 'array', items: { $ref: '#/$defs/text' } };
    case 'string':
      return { type: ['string', 'number'] };
    case 'strings':
      return { type: 'array', items: { type: ['string', 'number'] } };
    case 'tags':
      return { type: 'array', items: { type: 'string', pattern: TAG.source } };
    case 'id':
      return { type: 'string', pattern: NOTE_ID.source };
    case 'deck':
      return { type: 'string', pattern: DECK_NAME.source };
    case 'refs':
      return { type: 'array', items: { type: 'string' } };
    case 'distractors':
      return {
        anyOf: [
          { type: 'array', items: { $ref: '#/$defs/text' } },
          { type: 'object', propertyNames: { pattern: '^c\\d+$' }, additionalProperties: { type: 'array', items: { $ref: '#/$defs/text' } } },
        ],
      };
    case 'bool':
      return { type: 'boolean' };
    case 'count':
      return { type: 'integer', minimum: 0 };
    case 'options':
      return { type: 'object', additionalProperties: false, properties: propertiesOf(OPTION_FIELDS) };
    case 'notes':
      return { type: 'array', items: { $ref: '#/$defs/note' } };
  }
}

function propertiesOf(fields: Record<string, FieldSpec>): Schema {
  return Object.fromEntries(Object.entries(fields).map(([k, spec]) => [k, { description: spec.description, ...schemaOf(spec.type) }]));
}

/** Exactly one kind: its fields present, the other kinds' fields absent. */
function kindRule(): Schema {
  const kinds = Object.entries(KIND_FIELDS);
  return {
    oneOf: kinds.map(([kind, fields]) => ({
      title: kind,
      required: [...fields],
      not: { anyOf: kinds.filter(([k]) => k !== kind).flatMap(([, other]) => other.map((f) => ({ required: [f] }))) },
    })),
  };
}

export function deckJsonSchema(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://llmcards.dev/schema/deck.schema.json',
    title: 'llmcards deck',
    description: 'A deck file of llmcards: notes that generate flashcards. Generated from src/deckfile/fields.ts.',
    type: 'object',
    additionalProperties: false,
    required: ['cards'],
    properties: propertiesOf(DECK_FIELDS),
    $defs: {
      text,
      note: {
        type: 'object',
        additionalProperties: false,
        properties: propertiesOf(NOTE_FIELDS),
        ...kindRule(),
      },
    },
  };
}
