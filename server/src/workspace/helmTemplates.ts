/** Helm charts (rules.md "files analysed"): a file under the `templates/` folder next to a `Chart.yaml`. */

export const HELM_TEMPLATES_FOLDER = 'templates';
export const HELM_CHART_FILE = 'Chart.yaml';
export const HELM_TEMPLATE_SKIP_REASON = 'Helm chart template (a templates/ folder next to Chart.yaml)';

/**
 * The chart folder when `file` lies below a `templates` folder whose parent holds
 * `Chart.yaml`, at any depth (`templates/tests/x.yaml` too); undefined otherwise.
 * `file` is a '/'-separated path; `hasChartFile(folder)` answers whether `folder/Chart.yaml`
 * exists (the caller owns the file system and may cache).
 */
export function helmChartOfTemplate(file: string, hasChartFile: (folder: string) => boolean): string | undefined {
  const segments = file.split('/');
  // The last segment is the file itself; look at every folder above it, innermost first.
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] !== HELM_TEMPLATES_FOLDER) continue;
    // '.' for a relative `templates/x.yaml`, '/' for `/templates/x.yaml`.
    const chart = i === 0 ? '.' : segments.slice(0, i).join('/') || '/';
    if (hasChartFile(chart)) return chart;
  }
  return undefined;
}
