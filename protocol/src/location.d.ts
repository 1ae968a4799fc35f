/** A position in a workspace file, as LSP sends it (zero-based lines and UTF-16 characters). */
export interface ResourceLocation {
    readonly uri: string;
    readonly range: {
        readonly start: {
            readonly line: number;
            readonly character: number;
        };
        readonly end: {
            readonly line: number;
            readonly character: number;
        };
    };
    /** What is there, for a tooltip or a link: `PeerAuthentication shop/default`. */
    readonly label: string;
}
