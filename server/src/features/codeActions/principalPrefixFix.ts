// `principal-has-spiffe-prefix` (§D5): Istio adds `spiffe://` itself.
import { isScalar } from 'yaml';
import { single, type FixBuilder } from './fix';
import { replace } from './offsetEdit';
import { nodeAtPath, rangeOf, scalarStyle } from './yamlNodes';
import { inStyle, isPlainSafe } from './yamlText';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

const PREFIX = 'spiffe://';

export const stripSpiffePrefix: FixBuilder = (input) => {
  const node = nodeAtPath(input.doc, input.yamlPath);
  const r = rangeOf(node);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.startsWith(PREFIX) || !r) return [];
  const style = scalarStyle(node);
  if (style === 'block') return [];
  const stripped = node.value.slice(PREFIX.length);
  const at = r[0] + (style === 'plain' ? 0 : 1);
  // Delete the nine characters when they are written as such; else rewrite the scalar in its quotes.
  const literal = input.text.startsWith(PREFIX, at) && (style !== 'plain' || isPlainSafe(stripped));
  const edit = literal ? replace(at, at + PREFIX.length, '') : replace(r[0], r[1], inStyle(stripped, style === 'plain' ? 'double' : style));
  return single(`Remove the "spiffe://" prefix: ${nameText(stripped, SHOWN_CHARACTERS)}`, [edit], true);
};
