// What js-yaml 4.3 has and @types/js-yaml 4.0.9 does not describe (js-yaml's lib/loader.js and index.js).
import 'js-yaml';

declare module 'js-yaml' {
  interface LoadOptions {
    /** Nesting deeper than this throws 'nesting exceeded maxDepth (N)' (default 100). */
    maxDepth?: number;
    /** Keys merged by `<<` across one load; more throws 'merge keys exceeded maxTotalMergeKeys (N)' (default 10000). */
    maxTotalMergeKeys?: number;
  }
  /** The built-in types, to build a schema from (the merge key `<<`). */
  const types: { readonly merge: Type };
}
