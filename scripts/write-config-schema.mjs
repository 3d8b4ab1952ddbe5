// Regenerates schema/rt-advisor.config.schema.json from the rule list (run by `npm run schema`
// after a build, and after a version bump: the schema's `$id` names the package version);
// test/config/config-schema.test.ts fails while the shipped file is out of step.
import { writeFileSync } from 'node:fs';
import { RULES } from '../dist/rules/index.js';
import { configSchemaText, SCHEMA_FILE } from '../dist/src/config/config-schema.js';
import { knownRules } from '../dist/src/config/known-rules.js';
import { VERSION } from '../dist/src/version.js';

writeFileSync(new URL(`../${SCHEMA_FILE}`, import.meta.url), configSchemaText(knownRules(RULES), VERSION));
console.log(`wrote ${SCHEMA_FILE}`);
