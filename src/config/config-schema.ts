// The JSON Schema of rt-advisor.config.json, generated from the rule list so a new rule (or a
// new rule option) reaches editors' completion without anyone editing the schema by hand.
// `npm run schema` writes it to schema/rt-advisor.config.schema.json; a test keeps the file in step
// with the rules and with the package version (its `$id` names the version).
import type { KnownRule } from './known-rules.js';
import type { JsonSchema } from './validate-options.js';

export const SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type Setting = (typeof SETTINGS)[number];

export const SCHEMA_FILE = 'schema/rt-advisor.config.schema.json';
/**
 * The schema's own URL: the file as this version of the package ships it (unpkg serves every
 * published version's files), so `$schema` can name it without a local install and never drifts.
 */
export function schemaId(version: string): string {
  return `https://unpkg.com/rt-advisor@${version}/${SCHEMA_FILE}`;
}

function ruleEntry(rule: KnownRule): JsonSchema {
  const description = `${rule.meta.description} (default: ${rule.meta.defaultSeverity}; ${rule.meta.docsPath})`;
  const severity = { enum: [...SETTINGS] };
  if (!rule.optionsSchema) return { description, ...severity };
  return {
    description,
    anyOf: [severity, { type: 'array', items: [severity, rule.optionsSchema], additionalItems: false, minItems: 1 }],
  };
}

/** The schema of this `version` of the package (package.json's; its `$id` names it). */
export function buildConfigSchema(known: readonly KnownRule[], version: string): JsonSchema {
  const rules = Object.fromEntries(
    [...known].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)).map((r) => [r.meta.id, ruleEntry(r)]),
  );
  const rulesSchema: JsonSchema = {
    type: 'object',
    description:
      'Per rule: "off", "info", "warning" or "error", or ["<severity>", { options }] for a rule that takes options.',
    additionalProperties: false,
    properties: rules,
  };
  const globs = (description: string): JsonSchema => ({
    type: 'array',
    description,
    items: { type: 'string', minLength: 1 },
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId(version),
    title: 'rt-advisor configuration (rt-advisor.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {
        type: 'string',
        description: `Path or URL of this schema, for editor completion, e.g. ${schemaId(version)}`,
      },
      rules: rulesSchema,
      overrides: {
        type: 'array',
        description:
          "Settings for some files only, applied in order after `rules`: each entry's rules apply to the files its globs match.",
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: {
              ...globs("gitignore-style globs of the files this entry applies to, relative to this file's folder."),
              minItems: 1,
            },
            rules: rulesSchema,
          },
        },
      },
      ignore: {
        type: 'array',
        description: "gitignore-style globs of files not to scan, relative to this file's folder.",
        items: { type: 'string', minLength: 1 },
      },
      controlVerbs: {
        type: 'array',
        description:
          'Extra message verbs that count as control (like subscribe or ping), e.g. a protocol\'s own "watch"/"unwatch".',
        items: { type: 'string', minLength: 1 },
      },
      nonProduct: {
        type: 'array',
        description:
          'gitignore-style patterns of non-product code (nothing reported there, sends still count), added to the defaults ' +
          '(test/, tests/, spec/, fixtures/, e2e/, *.test.*, *.spec.*, examples/, demo/, docs/, scripts/, …), matched below ' +
          'each scanned folder; "!examples/" reports a default folder again.',
        items: { type: 'string', minLength: 1 },
      },
    },
  };
}

export function configSchemaText(known: readonly KnownRule[], version: string): string {
  return `${JSON.stringify(buildConfigSchema(known, version), null, 2)}\n`;
}
