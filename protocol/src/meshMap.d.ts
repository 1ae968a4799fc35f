import { RequestType } from 'vscode-languageserver-protocol';
import type { ResourceLocation } from './location';
/**
 * What one client namespace's sidecars get on one destination port (§C):
 * `mtls` Istio mTLS, `plaintext` accepted in the clear, `tls` non-mesh TLS that reaches the app,
 * `fails` the connection or handshake fails, `unknown` the workspace cannot tell.
 */
export type MeshMapVerdict = 'mtls' | 'plaintext' | 'tls' | 'fails' | 'unknown';
/** A client namespace: the injected workloads of one namespace. */
export interface MeshMapRow {
    readonly id: string;
    readonly namespace: string;
    readonly workloads: readonly string[];
}
/** A destination Service (or ServiceEntry host) port. */
export interface MeshMapColumn {
    readonly id: string;
    readonly host: string;
    readonly namespace: string;
    /** `reviews:9080`, or the host for a ServiceEntry. */
    readonly label: string;
    readonly port: number;
    readonly portName?: string;
    readonly kind: 'Service' | 'ServiceEntry';
    readonly location?: ResourceLocation;
}
export interface MeshMapCell {
    readonly row: string;
    readonly column: string;
    readonly verdict: MeshMapVerdict;
    /** One line: what goes on the wire and what the server does with it. */
    readonly reason: string;
    /** The `tls` in force (`ISTIO_MUTUAL from shop/reviews`, `auto mTLS`). */
    readonly tlsInForce: string;
    /** The resource that decides the cell: the DestinationRule `tls` in force, else the server's policy. */
    readonly location?: ResourceLocation;
    /** Other resources that take part (the server's PeerAuthentication, the Service). */
    readonly related: readonly ResourceLocation[];
}
export interface MeshMap {
    readonly rows: readonly MeshMapRow[];
    readonly columns: readonly MeshMapColumn[];
    /** Only the cells that exist: a row that cannot reach a column has none. */
    readonly cells: readonly MeshMapCell[];
}
export interface MeshMapParams {
    /** Leave out columns of these namespaces (e.g. the control plane). */
    readonly excludeNamespaces?: readonly string[];
}
/** `istioMtlsDoctor/meshMap`: the workspace's connectivity matrix, client namespaces × destination ports. */
export declare namespace MeshMapRequest {
    const method: "istioMtlsDoctor/meshMap";
    const type: RequestType<MeshMapParams, MeshMap, void>;
}
