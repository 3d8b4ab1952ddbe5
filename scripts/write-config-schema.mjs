// Regenerates schema/rt-advisor.config.schema.json from the rules table (run by `npm run schema`
// after a build); test/config-schema.test.ts fails while the shipped file is out of step.
import { writeFileSync } from 'node:fs';
import { configSchemaText, SCHEMA_FILE } from '../dist/src/config/config-schema.js';

writeFileSync(new URL(`../${SCHEMA_FILE}`, import.meta.url), configSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
