import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PresentedFinding } from '../../../server/src/features/presentedFinding';

/** The repository root: the folder above the test bundle that holds this project's package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'istio-mtls-doctor') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function makeTempDir(prefix = 'mtls-doctor-cli-'): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path -> content) below `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

const range = (line: number, character: number, endCharacter = character + 4) => ({
  start: { line, character },
  end: { line, character: endCharacter },
});

export function finding(overrides: Partial<PresentedFinding> = {}): PresentedFinding {
  return {
    rule: 'plaintext-to-strict',
    severity: 'error',
    message: 'Clients in shop send plaintext to reviews:9080, which requires mTLS.',
    file: 'shop/reviews.yaml',
    range: range(11, 6, 19),
    resource: { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' },
    related: [],
    ...overrides,
  };
}

/** A varied set: two files, all severities, related locations in the same and another file. */
export function sampleFindings(): PresentedFinding[] {
  return [
    finding({
      related: [
        { file: 'shop/policy.yaml', range: range(5, 2), resource: { kind: 'PeerAuthentication', namespace: 'shop', name: 'default' }, message: 'STRICT is set here' },
        { file: 'shop/reviews.yaml', range: range(2, 0), resource: { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' }, message: 'the host' },
      ],
    }),
    finding({ rule: 'empty-tls-means-disable', severity: 'warning', message: 'A tls block without mode means DISABLE.', range: range(3, 4) }),
    finding({ rule: 'port-settings-drop-tls', severity: 'info', file: 'a/inventory.yaml', message: 'Port 9090 drops tls.', range: range(120, 10), resource: { kind: 'DestinationRule', namespace: 'warehouse', name: 'inventory' } }),
    finding({ rule: 'yaml-syntax', severity: 'error', file: 'a/broken.yaml', message: 'This document does not parse', range: range(0, 0, 0), resource: { kind: '', namespace: '', name: '' } }),
  ];
}
