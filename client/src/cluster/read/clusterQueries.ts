import type { ClusterReader } from './clusterReader';
import { isNotFound } from './kubeError';
import { getNamespaced, listNamespaced, listNamespaces } from './kubeRead';
import { asMap, readListPage, readNamespace, readPod, stringMap, type ListPage, type LiveNamespace, type LivePod } from './liveObjects';
import { certificateValuesOfSecretData, type CertificateKeysReading } from './secretCertificateKeys';

/** Every namespace (pages of 500 followed to the end). */
export async function allNamespaces(reader: ClusterReader, signal: AbortSignal): Promise<LiveNamespace[]> {
  const out: LiveNamespace[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = readListPage(await reader.get(listNamespaces({ limit: 500, continue: token }), signal), readNamespace);
    out.push(...page.items);
    token = page.continueToken;
    if (!token) break;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function podsPage(reader: ClusterReader, namespace: string, limit: number, token: string | undefined, signal: AbortSignal): Promise<ListPage<LivePod>> {
  return readListPage(await reader.get(listNamespaced('pods', namespace, { limit, continue: token }), signal), readPod);
}

/** A ConfigMap's `data`, or undefined when it does not exist. */
export async function configMapData(reader: ClusterReader, namespace: string, name: string, signal: AbortSignal): Promise<Readonly<Record<string, string>> | undefined> {
  try {
    return stringMap(asMap(await reader.get(getNamespaced('configmaps', namespace, name), signal))?.data);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** All ConfigMaps of a namespace with their `data` (to find a revisioned `istio-<rev>`). */
export async function configMapsOf(reader: ClusterReader, namespace: string, signal: AbortSignal): Promise<Array<{ name: string; data: Readonly<Record<string, string>> }>> {
  const page = readListPage(await reader.get(listNamespaced('configmaps', namespace, { limit: 500 }), signal), (v) => {
    const name = asMap(asMap(v)?.metadata)?.name;
    return typeof name === 'string' ? { name, data: stringMap(asMap(v)?.data) } : undefined;
  });
  return [...page.items];
}

/** The certificate keys of a Secret (private keys are skipped unread), or undefined when it does not exist. */
export async function secretCertificates(reader: ClusterReader, namespace: string, name: string, signal: AbortSignal): Promise<CertificateKeysReading | undefined> {
  let secret: unknown;
  try {
    secret = await reader.get(getNamespaced('secrets', namespace, name), signal);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  return certificateValuesOfSecretData(asMap(secret)?.data);
}
