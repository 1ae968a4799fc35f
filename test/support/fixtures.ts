// Small YAML builders for test fixtures. Each returns one document.

export function namespace(name: string, labels: Record<string, string> = {}): string {
  const l = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n');
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${l ? `  labels:\n${l}\n` : ''}`;
}

export interface DeploymentOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  serviceAccount?: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Record<string, string>;
  hostNetwork?: boolean;
}

export function deployment(ns: string, name: string, o: DeploymentOptions = {}): string {
  const labels = o.labels ?? { app: name };
  const lab = Object.entries(labels).map(([k, v]) => `        ${k}: "${v}"`).join('\n');
  const ann = Object.entries(o.annotations ?? {}).map(([k, v]) => `        ${k}: "${v}"`).join('\n');
  const ports = (o.ports ?? [{ name: 'http', containerPort: 8080 }])
    .map((p) => `        - containerPort: ${p.containerPort}${p.name ? `\n          name: ${p.name}` : ''}`)
    .join('\n');
  const env = Object.entries(o.env ?? {}).map(([k, v]) => `        - name: ${k}\n          value: "${v}"`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
${Object.entries(labels).map(([k, v]) => `      ${k}: "${v}"`).join('\n')}
  template:
    metadata:
      labels:
${lab}
${ann ? `      annotations:\n${ann}\n` : ''}    spec:
${o.hostNetwork ? '      hostNetwork: true\n' : ''}      serviceAccountName: ${o.serviceAccount ?? name}
      containers:
      - name: ${name}
        image: example/${name}:1
${ports ? `        ports:\n${ports}\n` : ''}${env ? `        env:\n${env}\n` : ''}`;
}

export function service(ns: string, name: string, ports: Array<{ name?: string; port: number; targetPort?: number | string; appProtocol?: string }> = [{ name: 'http', port: 80, targetPort: 8080 }], selector: Record<string, string> = { app: name }): string {
  const p = ports
    .map((x) => `  - port: ${x.port}${x.name ? `\n    name: ${x.name}` : ''}${x.targetPort !== undefined ? `\n    targetPort: ${x.targetPort}` : ''}${x.appProtocol ? `\n    appProtocol: ${x.appProtocol}` : ''}`)
    .join('\n');
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
${Object.entries(selector).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}
  ports:
${p}
`;
}

export function peerAuthentication(ns: string, name: string, mode: string | undefined, o: { selector?: Record<string, string>; portLevel?: Record<string, string>; created?: string } = {}): string {
  const sel = o.selector ? `  selector:\n    matchLabels:\n${Object.entries(o.selector).map(([k, v]) => `      ${k}: "${v}"`).join('\n')}\n` : '';
  const pl = o.portLevel ? `  portLevelMtls:\n${Object.entries(o.portLevel).map(([k, v]) => `    "${k}":\n      mode: ${v}`).join('\n')}\n` : '';
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
${o.created ? `  creationTimestamp: "${o.created}"\n` : ''}spec:
${sel}${mode ? `  mtls:\n    mode: ${mode}\n` : ''}${pl}${!sel && !mode && !pl ? '  {}\n' : ''}`;
}

export function destinationRule(ns: string, name: string, host: string, body: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${host}
${body.replace(/^\n/, '')}`;
}
