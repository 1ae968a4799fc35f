import type { RuleSet } from './ruleContext';
import { clientMeetsServerRules } from './clientMeetsServer';
import { autoMtlsPlaintextRules } from './autoMtlsPlaintext';
import { nonMeshClientRules } from './nonMeshClient';
import { namespaceModeConflictRules } from './namespaceModeConflict';
import { destinationRuleTextRules } from './destinationRuleText';
import { duplicateDestinationRuleHostRules } from './duplicateDestinationRuleHost';
import { peerAuthnShapeRules } from './peerAuthnShape';
import { selectorMatchesNothingRules } from './selectorMatchesNothing';
import { weakensMeshStrictRules } from './weakensMeshStrict';
import { policyWithoutSidecarRules } from './policyWithoutSidecar';
import { invalidModeRules } from './invalidModes';
import { unknownFieldRules } from './unknownFields';
import { removedAuthenticationApiRules } from './removedAuthenticationApi';
import { authorizationPlaintextRules } from './authorizationPlaintext';
import { principalValueRules } from './principalValues';
import { sourceNamespaceRules } from './sourceNamespaces';
import { injectAnnotationRules } from './injectAnnotation';
import { certificateRules } from './certificateRules';

/** Every rule set of the catalogue, in the order they run. */
export const ALL_RULE_SETS: readonly RuleSet[] = [
  clientMeetsServerRules,
  autoMtlsPlaintextRules,
  nonMeshClientRules,
  namespaceModeConflictRules,
  destinationRuleTextRules,
  duplicateDestinationRuleHostRules,
  peerAuthnShapeRules,
  selectorMatchesNothingRules,
  weakensMeshStrictRules,
  policyWithoutSidecarRules,
  invalidModeRules,
  unknownFieldRules,
  removedAuthenticationApiRules,
  authorizationPlaintextRules,
  principalValueRules,
  sourceNamespaceRules,
  injectAnnotationRules,
  certificateRules,
];
