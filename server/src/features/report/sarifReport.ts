import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { RULES, type RuleInfo } from '../../rules/catalogue';
import type { ResourceIdentity, Severity } from '../../rules/finding';
import type { Range } from '../../workspace/parsedFile';
import { compareFindings, type PresentedFinding } from '../presentedFinding';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_TOOL_NAME = 'istio-mtls-doctor';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'istioMtlsDoctorFinding/v1';

export interface SarifReportOptions {
  /** The tool version (package.json). */
  readonly toolVersion: string;
  /** The tool's home page (driver.informationUri); omitted when unknown. */
  readonly informationUri?: string;
  /** The README URL; a rule's helpUri is `<helpBaseUri>#<rule-id>`. Omitted when unknown. */
  readonly helpBaseUri?: string;
  /** The absolute `file:` URI (ending in '/') that relative paths are relative to (`%SRCROOT%`). */
  readonly srcRootUri?: string;
  /** The rule catalogue (default: all rules). */
  readonly rules?: readonly RuleInfo[];
}

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  switch (severity) {
    case 'error': return 'error';
    case 'warning': return 'warning';
    case 'info':
    case 'hint': return 'note';
  }
}

function pascalCase(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function ruleDescriptor(rule: RuleInfo, options: SarifReportOptions): Sarif.ReportingDescriptor {
  const refs = rule.sections.length ? ` Semantics: ${rule.sections.join(', ')} of istio-mtls-semantics.md.` : '';
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}${refs}` },
    help: {
      text: `${rule.title}${refs}\n\nExample:\n${rule.example}`,
      markdown: `${rule.title}${refs}\n\nExample:\n\n\`\`\`yaml\n${rule.example}\n\`\`\``,
    },
    ...(options.helpBaseUri ? { helpUri: `${options.helpBaseUri}#${rule.id}` } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['istio', 'mtls', rule.family] },
  };
}

/** A '/'-separated relative path as a URI reference (each segment percent-encoded). */
function pathUri(path: string): string {
  return path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

function physicalLocation(file: string, range: Range): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: pathUri(file), uriBaseId: SRCROOT },
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    },
  };
}

function logicalLocations(resource: ResourceIdentity): Sarif.LogicalLocation[] | undefined {
  if (!resource.kind) return undefined;
  const fullyQualifiedName = [resource.namespace, resource.kind, resource.name].filter(Boolean).join('/');
  return [{ name: resource.name || resource.kind, fullyQualifiedName, kind: 'resource' }];
}

/** A stable identity of a finding that survives line moves: rule, file, resource and message. */
export function findingFingerprint(f: PresentedFinding): string {
  const r = f.resource;
  return createHash('sha256').update([f.rule, f.file, r.kind, r.namespace, r.name, f.message].join('\u0000')).digest('hex');
}

/** The SARIF 2.1.0 log of one run: every catalogue rule, one result per finding. */
export function sarifReport(findings: readonly PresentedFinding[], options: SarifReportOptions): Sarif.Log {
  const rules = options.rules ?? RULES;
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const results = [...findings].sort(compareFindings).map((f): Sarif.Result => {
    const hash = findingFingerprint(f);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    const index = ruleIndex.get(f.rule);
    const logical = logicalLocations(f.resource);
    return {
      ruleId: f.rule,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: physicalLocation(f.file, f.range), ...(logical ? { logicalLocations: logical } : {}) }],
      ...(f.related.length
        ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: physicalLocation(r.file, r.range), message: { text: r.message } })) }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            version: options.toolVersion,
            ...(/^\d+\.\d+\.\d+/.test(options.toolVersion) ? { semanticVersion: options.toolVersion } : {}),
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: rules.map((r) => ruleDescriptor(r, options)),
          },
        },
        ...(options.srcRootUri ? { originalUriBaseIds: { [SRCROOT]: { uri: options.srcRootUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarifReport(findings: readonly PresentedFinding[], options: SarifReportOptions): string {
  return JSON.stringify(sarifReport(findings, options), null, 2) + '\n';
}
