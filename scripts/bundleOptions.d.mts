// Types of bundleOptions.mjs, for the tests that rebuild the bundles the way scripts/bundle.mjs does.
export declare const OPTIONAL_EXTERNALS: string[];
export declare const TEST_BUNDLE: Record<string, unknown>;
