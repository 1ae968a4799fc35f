// Stand-in clusters for the tests: the demo mesh of the closing note (one healthy pod,
// one expired certificate, one root mismatch) and the error cases around it.
import type { StandInCluster, StandInPod, StandInSecret } from '../standin/standinCluster';
import { chainPem, istioWorkload, meshPki, NOW } from './meshPki';

const ISTIO_MESH = 'trustDomain: cluster.local\nrootNamespace: istio-system\nenableAutoMtls: true\n';

export function sdsSecrets(chain: string | undefined, roots: string, status: 'ACTIVE' | 'WARMING' = 'ACTIVE'): StandInSecret[] {
  return [
    ...(chain !== undefined ? [{ name: 'default', status, chainPem: chain }] : [{ name: 'default', status: 'WARMING' as const }]),
    { name: 'ROOTCA', status: 'ACTIVE', trustedCaPem: roots },
  ];
}

export function istioPod(namespace: string, name: string, serviceAccount: string, secrets: readonly StandInSecret[], extra: Partial<StandInPod> = {}): StandInPod {
  return { namespace, name, serviceAccount, sidecar: 'istio-proxy', ownerKind: 'ReplicaSet', envoy: { kind: 'dump', secrets }, ...extra };
}

/** A healthy pod: a 24 h certificate issued an hour ago, chain to the current root. */
export function healthyPod(namespace: string, name: string, serviceAccount: string, base: Date = NOW): StandInPod {
  const pki = meshPki(base);
  const cert = istioWorkload({ namespace, serviceAccount, base });
  return istioPod(namespace, name, serviceAccount, sdsSecrets(chainPem(cert, pki.intermediate), pki.root.pem));
}

/** The control plane: mesh config, the plug-in CA (cacerts, with its key), the roots per namespace. */
export function controlPlane(namespaces: readonly string[], base: Date = NOW): Pick<StandInCluster, 'configMaps' | 'secrets'> {
  const pki = meshPki(base);
  return {
    configMaps: [
      { namespace: 'istio-system', name: 'istio', data: { mesh: ISTIO_MESH, meshNetworks: 'networks: {}' } },
      { namespace: 'istio-system', name: 'istio-sidecar-injector', data: { config: 'policy: enabled' } },
      ...['istio-system', ...namespaces].map((ns) => ({ namespace: ns, name: 'istio-ca-root-cert', data: { 'root-cert.pem': pki.root.pem } })),
    ],
    secrets: [{
      namespace: 'istio-system',
      name: 'cacerts',
      data: {
        'ca-cert.pem': pki.intermediate.pem,
        'ca-key.pem': pki.caKeyPem,
        'cert-chain.pem': pki.intermediate.pem + pki.root.pem,
        'root-cert.pem': pki.root.pem,
      },
    }],
  };
}

/**
 * The closing note's mesh: shop/cart (healthy), shop/payments (expired), shop/legacy (root
 * mismatch). `base` is the "now" the certificates are built around: NOW in tests, the real clock
 * for an editor looking at the stand-in (the e2e suite).
 */
export function demoMesh(base: Date = NOW): StandInCluster {
  const pki = meshPki(base);
  const expired = istioWorkload({ namespace: 'shop', serviceAccount: 'payments', notBeforeHours: -50, notAfterHours: -26, base });
  const legacy = istioWorkload({ namespace: 'shop', serviceAccount: 'legacy', issuer: pki.oldIntermediate, base });
  const plane = controlPlane(['shop'], base);
  return {
    namespaces: [{ name: 'istio-system' }, { name: 'shop', labels: { 'istio-injection': 'enabled' } }],
    pods: [
      healthyPod('shop', 'cart-5d8f9-x2k4p', 'cart', base),
      istioPod('shop', 'payments-7c4b8-m9q2z', 'payments', sdsSecrets(chainPem(expired, pki.intermediate), pki.root.pem)),
      istioPod('shop', 'legacy-6f7d2-w8n3r', 'legacy', sdsSecrets(chainPem(legacy, pki.oldIntermediate), pki.oldRoot.pem)),
      { namespace: 'shop', name: 'batch-loader-28861920-abcde', serviceAccount: 'default', ownerKind: 'Job', phase: 'Succeeded' },
      { namespace: 'istio-system', name: 'istiod-5f4c9-7xk2m', serviceAccount: 'istiod', ownerKind: 'ReplicaSet' },
    ],
    ...plane,
  };
}
