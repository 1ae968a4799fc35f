import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { hoverText, lineOf, link, rowsWith } from './hoverText';

const meshConfig = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |
    trustDomain: example.com
    trustDomainAliases: [old.example.com]
`;
const serviceAccount = (ns: string, name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;
const ap = (ns: string, name: string, spec: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

const workloads = docs(
  meshConfig,
  namespace('shop', { 'istio-injection': 'enabled' }),
  namespace('web', { 'istio-injection': 'enabled' }),
  namespace('legacy', { 'istio-injection': 'enabled' }),
  serviceAccount('web', 'client'),
  deployment('web', 'client'),
  deployment('legacy', 'old'),
  deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }, { name: 'admin', containerPort: 9443 }] }),
);
const allowWeb = ap(
  'shop',
  'allow-web',
  `  selector:
    matchLabels:
      app: reviews
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/web/sa/client
        - other.org/ns/web/sa/client
        - spiffe://cluster.local/ns/web/sa/client
    - source:
        namespaces: ["leg*"]
    to:
    - operation:
        ports: ["9080"]
`,
);
const files = (...extra: string[]) => ({ 'w.yaml': workloads, 'ap.yaml': docs(allowWeb, ...extra) });
const clientSa = link('web/client', 'w.yaml', lineOf(workloads, 'kind: ServiceAccount\n') + 2);
const clientWl = link('web/client', 'w.yaml', lineOf(workloads, 'kind: Deployment\nmetadata:\n  name: client') + 2);
const reviewsWl = link('shop/reviews', 'w.yaml', lineOf(workloads, 'kind: Deployment\nmetadata:\n  name: reviews') + 2);

describe('AuthorizationPolicy hover', () => {
  test('§D6 a cluster.local principal is rewritten to the mesh trust domain and its aliases, and matches the ServiceAccount and its workloads', () => {
    const md = hoverText(files(), 'cluster.local/ns/web');
    const [header, compiled, matches] = md.split('\n\n');
    assert.equal(header, '**AuthorizationPolicy `shop/allow-web`** · ALLOW · `principals`');
    assert.equal(compiled, '`cluster.local/ns/web/sa/client` compiles to `spiffe://example.com/ns/web/sa/client` and `spiffe://old.example.com/ns/web/sa/client` after trust-domain rewriting (§D6).');
    assert.equal(matches, 'Matches 1 identity of the workspace (§D3):');
    assert.deepEqual(rowsWith(md, 'web/client'), [`| ${clientSa} | ${clientWl} |`]);
    assert.match(md, new RegExp(`Applies to \\(§D2\\) ${reviewsWl.replace(/[[\]().]/g, '\\$&')}\\.`));
  });

  test('§D6 §D7 a foreign trust domain is kept as written and matches no workload of the mesh', () => {
    const md = hoverText(files(), 'other.org/ns/web');
    assert.match(md, /`other\.org\/ns\/web\/sa\/client` compiles to `spiffe:\/\/other\.org\/ns\/web\/sa\/client` after trust-domain rewriting \(§D6\); trust domain `other\.org` is not the mesh's \(example\.com\) nor an alias: kept as written, and such peers fail the TLS handshake first \(§D6, §D7\)\./);
    assert.match(md, /Matches no ServiceAccount or workload of the workspace\./);
  });

  test('§D5 a spiffe:// prefixed principal never matches', () => {
    const md = hoverText(files(), 'spiffe://cluster.local');
    assert.match(md, /`spiffe:\/\/cluster\.local\/ns\/web\/sa\/client`: a principal has no `spiffe:\/\/` prefix: this value never matches \(§D5\)\./);
    assert.match(md, /Matches no ServiceAccount or workload/);
  });

  test('§D3 hovering the field key covers all its values', () => {
    const md = hoverText(files(), 'principals:');
    assert.equal(md.split('\n\n').filter((p) => p.startsWith('`')).length, 3);
  });

  test('§D3 a namespaces pattern matches the namespaces it names (no trust-domain rewriting)', () => {
    const md = hoverText(files(), 'leg*');
    assert.match(md, /`leg\*` compiles to `\.\*\/ns\/leg\.\*\/\.\*`\./);
    assert.deepEqual(rowsWith(md, '/old').length, 1);
    assert.match(rowsWith(md, '/old')[0], /^\| `legacy\/old` \(no ServiceAccount object\) \| \[legacy\/old\]/);
  });

  test('§D4 plaintext can reach a PERMISSIVE covered port: ALLOW on principals denies plaintext, naming what decided the mode', () => {
    const md = hoverText(files(), 'cluster.local/ns/web');
    assert.ok(md.endsWith(`⚠️ Plaintext can reach ${reviewsWl} on port 9080 PERMISSIVE (built-in default): plaintext carries no identity, so this rule never matches it: plaintext requests are **denied** (403), even from these peers (§D4).`), md);
  });

  test('§D4 no warning when the covered ports are STRICT; a port the rule does not cover does not count', () => {
    const pa = peerAuthentication('shop', 'reviews', 'STRICT', { selector: { app: 'reviews' }, portLevel: { '9443': 'PERMISSIVE' } });
    assert.doesNotMatch(hoverText(files(pa), 'cluster.local/ns/web'), /Plaintext can reach/);
    const anyPort = ap('shop', 'any-port', '  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/web/sa/client]\n');
    const md = hoverText({ 'w.yaml': workloads, 'ap.yaml': docs(anyPort, pa) }, 'cluster.local/ns/web');
    assert.match(md, /⚠️ Plaintext can reach \[shop\/reviews\]\([^)]+\) on port 9443 PERMISSIVE \(port 9443 \[shop\/reviews\]\([^)]+\)\):/);
  });

  test('§D4 a DENY on namespaces does not deny plaintext from them; a notNamespaces exclusion in an ALLOW admits it', () => {
    const deny = ap('shop', 'deny-legacy', '  action: DENY\n  rules:\n  - from:\n    - source:\n        namespaces: [legacy]\n');
    assert.match(hoverText(files(deny), 'namespaces: [legacy]', 0, 'ap.yaml'), /plaintext carries no identity, so this DENY never matches it: plaintext from these peers is \*\*not denied\*\* \(§D4\)\./);
    const negated = ap('shop', 'not-legacy', '  rules:\n  - from:\n    - source:\n        notNamespaces: [legacy]\n');
    const md = hoverText(files(negated), 'notNamespaces');
    assert.match(md, /· `notNamespaces`/);
    assert.match(md, /Excludes 1 identity of the workspace/);
    assert.match(md, /plaintext from the excluded peers is \*\*admitted\*\* \(§D4\)\./);
  });

  test('§D3 a bare serviceAccounts name means the policy namespace; ns/name names another', () => {
    const sa = ap('shop', 'sa', '  rules:\n  - from:\n    - source:\n        serviceAccounts: [client, web/client]\n');
    assert.match(hoverText(files(sa), 'client,'), /`client` compiles to `spiffe:\/\/\.\+\/ns\/shop\/sa\/client`\.\n\nMatches no ServiceAccount/);
    assert.match(hoverText(files(sa), 'web/client]'), /Matches 1 identity/);
  });

  test('§D6 a trustDomains value in the bundle is expanded to every member', () => {
    const td = ap('shop', 'td', '  rules:\n  - from:\n    - source:\n        trustDomains: [old.example.com]\n');
    const md = hoverText(files(td), 'old.example.com]', 0, 'ap.yaml');
    assert.match(md, /compiles to `spiffe:\/\/example\.com\/` and `spiffe:\/\/old\.example\.com\/` after trust-domain rewriting \(§D6\)/);
    assert.match(md, /Matches 3 identities/);
  });

  test('§D2 a root-namespace policy applies in every namespace; elsewhere in a policy the hover summarises it', () => {
    const root = ap('istio-system', 'root', '  action: AUDIT\n  rules:\n  - {}\n');
    assert.match(hoverText(files(root), 'action: AUDIT'), /^\*\*AuthorizationPolicy `istio-system\/root`\*\* · AUDIT\n\nApplies to \(§D2, root namespace: every namespace\) \[web\/client\].*\[legacy\/old\].*\[shop\/reviews\]/);
  });
});
