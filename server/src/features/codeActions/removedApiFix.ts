// `removed-authentication-api` (§F3): rewrite the document as PeerAuthentication.
import { peerAuthenticationText } from './legacyPolicyConversion';
import { single, type FixBuilder } from './fix';
import { replaceDocumentContent } from './textEdits';
import { eolOf, indentUnitOf } from './yamlText';
import { ISTIO_SYSTEM } from '../../model/kinds/meshConfig';
import { nameText } from '../../rules/quoteValue';

export const migrateToPeerAuthentication: FixBuilder = (input) => {
  const r = input.resource;
  // An item of a v1 List is not a document of its own.
  if (r.source.basePath.length > 0) return [];
  const parsed = input.file.documents[r.source.docIndex];
  if (!parsed) return [];
  const docText = input.text.slice(parsed.span[0], parsed.span[1]);
  const root = input.context?.model.mesh.rootNamespace ?? ISTIO_SYSTEM;
  const conversion = peerAuthenticationText(r, input.context?.model, root, indentUnitOf(docText), eolOf(input.text));
  const edit = replaceDocumentContent(input.text, input.doc, conversion.text);
  const what = conversion.count > 1 ? `${conversion.count} security.istio.io/v1 PeerAuthentications` : 'a security.istio.io/v1 PeerAuthentication';
  const where = r.kind === 'MeshPolicy' ? ` in the root namespace ${nameText(root)}` : '';
  return single(`Rewrite as ${what}${where} (mode ${conversion.mode})`, edit && [edit], true);
};
