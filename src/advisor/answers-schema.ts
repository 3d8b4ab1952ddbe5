// The JSON schema of an answers file (schema/ask-answers.schema.json), built from ANSWER_SPECS so
// editors check the same thing `ask` does; a test keeps the shipped file in step.
import { ANSWER_KEYS, ANSWER_SPECS } from './answer-specs.js';

export const ANSWERS_SCHEMA_FILE = 'schema/ask-answers.schema.json';

export function buildAnswersSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editor completion.' },
  };
  for (const key of ANSWER_KEYS) {
    const spec = ANSWER_SPECS[key];
    const description =
      spec.default === undefined ? spec.description : `${spec.description} (default: ${String(spec.default)})`;
    if (spec.kind === 'enum') properties[key] = { enum: [...spec.values], description };
    else if (spec.kind === 'number') properties[key] = { type: 'number', minimum: spec.minimum, description };
    else properties[key] = { type: 'boolean', description };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/rt-advisor/rt-advisor/blob/main/schema/ask-answers.schema.json',
    title: 'rt-advisor ask: answers file',
    description:
      'Answers for `rt-advisor ask --answers <file>`; flags override them. Required: direction, clientToServerRatio (except peer-to-peer), latencyBudgetMs, binary, and serverless or platform.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

export function answersSchemaText(): string {
  return `${JSON.stringify(buildAnswersSchema(), null, 2)}\n`;
}
