import { appendIstioMutualRules, istioMutualRuleFix } from './istioMutualDestinationRules';
import { useTargetPort } from './portLevelKeyFix';
import { stripSpiffePrefix } from './principalPrefixFix';
import { removeIgnoredDocuments, removeIgnoredPolicyFix } from './removeIgnoredPolicyFix';
import { migrateToPeerAuthentication } from './removedApiFix';
import { explicitMode, stopIstioMutual, useIstioMutual } from './tlsFixes';
import type { RuleFixes } from './fix';

/** The rules that have quick fixes, and how (issue 3, "Quick fixes and refactorings"). */
export const FIXES_BY_RULE: ReadonlyMap<string, RuleFixes> = new Map<string, RuleFixes>([
  ['plaintext-to-strict', { build: useIstioMutual, unattended: true }],
  ['user-tls-to-mesh', { build: useIstioMutual, unattended: true }],
  ['mtls-to-no-sidecar', { build: stopIstioMutual, unattended: true }],
  ['mtls-to-disable', { build: stopIstioMutual, unattended: true }],
  ['empty-tls-means-disable', { build: explicitMode, unattended: true }],
  ['port-level-service-port', { build: useTargetPort, unattended: true }],
  ['principal-has-spiffe-prefix', { build: stripSpiffePrefix, unattended: true }],
  ['removed-authentication-api', { build: migrateToPeerAuthentication, unattended: false }],
  ['namespace-disable-breaks-strict', { build: istioMutualRuleFix, batch: appendIstioMutualRules, unattended: false }],
  ['auto-mtls-off-plaintext', { build: istioMutualRuleFix, batch: appendIstioMutualRules, unattended: false }],
  ['duplicate-scope-policy', { build: removeIgnoredPolicyFix, batch: removeIgnoredDocuments, unattended: false }],
  ['root-selector-ignored', { build: removeIgnoredPolicyFix, batch: removeIgnoredDocuments, unattended: false }],
]);

export const FIXABLE_RULES: readonly string[] = [...FIXES_BY_RULE.keys()];
