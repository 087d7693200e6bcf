/**
 * Writes the JSON Schema files (scenarios/json-schema/*.schema.json) from build.ts:
 * `npm run schema:write`. tests/scenarios/json-schema.test.ts fails when a
 * checked-in file differs from what build.ts makes, so a change of the format or of a limit
 * is followed by running this.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allJsonSchemas, schemaFileText } from './build.ts';

const here = dirname(fileURLToPath(import.meta.url));
for (const [file, schema] of Object.entries(allJsonSchemas())) {
  writeFileSync(join(here, file), schemaFileText(schema));
  console.log(`wrote scenarios/json-schema/${file}`);
}
