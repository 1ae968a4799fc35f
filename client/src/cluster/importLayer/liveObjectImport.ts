import { stringify } from 'yaml';
import type { ClusterReader } from '../read/clusterReader';
import { configMapData } from '../read/clusterQueries';
import { errorText, isNotFound, KubeError } from '../read/kubeError';
import { listAll, listIn } from '../read/kubeRead';
import { asList, asMap } from '../read/liveObjects';
import type { ClusterLayerDocument, ClusterLayerParams } from './clusterLayerMessage';
import { LIVE_KINDS, manifestOf, type LiveKind } from './liveObjectKinds';

const PAGE = 500;
/** Per kind; a cluster with more is summarised rather than loaded whole. */
const MAX_OBJECTS_PER_KIND = 20_000;

export interface LiveImport {
  readonly params: ClusterLayerParams;
  /** Objects per kind ("PeerAuthentication": 3). */
  readonly counts: Readonly<Record<string, number>>;
  /** Kinds that could not be read, and why ("forbidden: cannot list …"). */
  readonly problems: readonly string[];
}

async function listKind(reader: ClusterReader, k: LiveKind, version: string, namespace: string | undefined, signal: AbortSignal): Promise<Array<Readonly<Record<string, unknown>>>> {
  const out: Array<Readonly<Record<string, unknown>>> = [];
  let token: string | undefined;
  do {
    const query = { limit: PAGE, continue: token };
    const read = namespace === undefined ? listAll(k.group, version, k.plural, query) : listIn(k.group, version, k.plural, namespace, query);
    const list = asMap(await reader.get(read, signal));
    for (const item of asList(list?.items)) {
      const obj = asMap(item);
      if (obj && (!k.keep || k.keep(obj))) out.push(obj);
    }
    token = typeof asMap(list?.metadata)?.continue === 'string' ? (asMap(list?.metadata)?.continue as string) : undefined;
  } while (token && out.length < MAX_OBJECTS_PER_KIND);
  return out;
}

function documentOf(kind: string, apiVersion: string, obj: Readonly<Record<string, unknown>>): ClusterLayerDocument | undefined {
  const manifest = manifestOf(kind, apiVersion, obj);
  const meta = asMap(manifest.metadata);
  const name = typeof meta?.name === 'string' ? meta.name : undefined;
  if (!name) return undefined;
  const ns = typeof meta?.namespace === 'string' ? meta.namespace : '_cluster';
  return { name: `${ns}/${kind}/${name}.yaml`, text: stringify(manifest, { lineWidth: 0 }) };
}

/**
 * Lists the objects the engine reasons about (read-only, cluster-wide; where a cluster-wide list
 * is forbidden, the context's namespace) and turns them into the documents of the cluster layer.
 */
export async function importLiveObjects(reader: ClusterReader, istioNamespace: string, signal: AbortSignal, report: (message: string) => void = () => undefined): Promise<LiveImport> {
  const documents: ClusterLayerDocument[] = [];
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  for (const k of LIVE_KINDS) {
    report(`${k.kind}…`);
    let done = false;
    for (const version of k.versions) {
      const apiVersion = k.group ? `${k.group}/${version}` : version;
      try {
        let objects: Array<Readonly<Record<string, unknown>>>;
        try {
          objects = await listKind(reader, k, version, undefined, signal);
        } catch (e) {
          if (!(e instanceof KubeError && e.kind === 'forbidden') || !reader.defaultNamespace || k.kind === 'Namespace') throw e;
          problems.push(`${e.message}: ${k.kind} read from namespace ${reader.defaultNamespace} only`);
          objects = await listKind(reader, k, version, reader.defaultNamespace, signal);
        }
        for (const obj of objects) {
          const doc = documentOf(k.kind, apiVersion, obj);
          if (doc) documents.push(doc);
        }
        counts[k.kind] = objects.length;
        done = true;
        break;
      } catch (e) {
        if (isNotFound(e)) continue;
        if (e instanceof KubeError && (e.kind === 'cancelled' || e.kind === 'unreachable' || e.kind === 'unauthorized')) throw e;
        problems.push(errorText(e));
        done = true;
        break;
      }
    }
    if (!done) counts[k.kind] = 0;
  }
  try {
    const mesh = await configMapData(reader, istioNamespace, 'istio', signal);
    if (mesh) {
      const doc = documentOf('ConfigMap', 'v1', { metadata: { name: 'istio', namespace: istioNamespace }, data: mesh });
      if (doc) documents.push(doc);
      counts.ConfigMap = 1;
    }
  } catch (e) {
    if (e instanceof KubeError && e.kind === 'cancelled') throw e;
    problems.push(`mesh config: ${errorText(e)}`);
  }
  return { params: { context: reader.context, documents }, counts, problems };
}
