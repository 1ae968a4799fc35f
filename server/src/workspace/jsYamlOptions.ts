import { CORE_SCHEMA, types, type LoadOptions } from 'js-yaml';

/** Nesting deeper than this is not read (deep nesting is a denial of service, not a manifest). */
export const MAX_DEPTH = 200;

/**
 * How js-yaml reads a document, for values (parseYamlFile.ts) and for positions
 * (documentPositions.ts) alike: the YAML 1.2 core schema (timestamps stay strings), with merge
 * keys (`<<`) as kubectl accepts them, and a bound on nesting.
 */
export const LOAD_OPTIONS: Readonly<LoadOptions> = { schema: CORE_SCHEMA.extend({ implicit: [types.merge] }), maxDepth: MAX_DEPTH };

/** A CR not followed by LF: js-yaml ends a line there (YAML 1.2 does), the `yaml` package and the document chunks do not. */
export const LONE_CR = /\r(?!\n)/;
