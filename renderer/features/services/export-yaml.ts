import type { ServiceBundle } from '../../../shared/domain/application';
import { serviceToYaml } from '../../../shared/services/service-yaml';

/** "shop.yaml": the service's name made safe as a file name. */
export function yamlFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${safe || 'service'}.yaml`;
}

/** Saves the service as a YAML file through the browser's own download (a Blob link). */
export function downloadServiceYaml(bundle: ServiceBundle): void {
  const blob = new Blob([serviceToYaml(bundle)], { type: 'application/yaml' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = yamlFileName(bundle.service.name);
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
