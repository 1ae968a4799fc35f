import type { Workload } from '../model/kinds/workload';

const EXCLUDE = 'traffic.sidecar.istio.io/excludeInboundPorts';
const INCLUDE = 'traffic.sidecar.istio.io/includeInboundPorts';

function portList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * §A11, §C7: a port excluded from inbound capture behaves as if the pod had no sidecar,
 * while clients still send it mTLS (§B15).
 */
export function inboundPortCaptured(w: Workload, port: number): boolean {
  if (portList(w.annotations[EXCLUDE]).includes(String(port))) return false;
  const include = w.annotations[INCLUDE];
  if (include === undefined) return true;
  const list = portList(include);
  return list.includes('*') || list.includes(String(port));
}
