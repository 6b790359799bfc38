import type { ServiceBundle } from '../../../shared/domain/application';
import { serviceToYaml } from '../../../shared/services/service-yaml';
import { downloadText } from '../../ui/download';

/** "shop.yaml": the service's name made safe as a file name. */
export function yamlFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${safe || 'service'}.yaml`;
}

/** Saves the service as a YAML file through the browser's own download. */
export function downloadServiceYaml(bundle: ServiceBundle): void {
  downloadText(yamlFileName(bundle.service.name), serviceToYaml(bundle), 'application/yaml');
}
