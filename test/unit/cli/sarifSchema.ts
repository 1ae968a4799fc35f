import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { repoRoot } from './helpers';

let cached: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema shipped in @microsoft/jest-sarif. It is a draft-04 schema;
 * it uses no keyword whose meaning changed since, so Ajv 8 validates it once the draft-04
 * `$schema` / `id` header is dropped.
 */
export function sarifValidator(): ValidateFunction {
  if (cached) return cached;
  const file = path.join(repoRoot(), 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern is not a valid Unicode-mode regular expression.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  cached = ajv.compile(schema);
  return cached;
}

