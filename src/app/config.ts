/**
 * `config get|set KEY [VALUE]`: read and write config.yaml (SPEC §6).
 */
import { join } from 'node:path';
import { CONFIG_FILE, getSetting, SETTING_KEYS } from '../settings.js';
import { requireHome, type AppContext } from './context.js';

export interface ConfigEntry {
  key: string;
  value: unknown;
}

export function getConfig(ctx: AppContext, key?: string): ConfigEntry[] {
  const keys = key ? [key] : SETTING_KEYS;
  return keys.map((k) => ({ key: k, value: getSetting(ctx.settings, k) }));
}

/**
 * Set a value in `<home>/config.yaml`. The collection is not opened: `config set` must be able to
 * repair a config.yaml that no other command accepts.
 */
export async function setConfig(home: string, key: string, raw: string): Promise<ConfigEntry> {
  requireHome(home);
  const { setSetting, readConfigText } = await import('../settings-file.js');
  const path = join(home, CONFIG_FILE);
  const { value } = setSetting(path, readConfigText(path), key, raw);
  return { key, value };
}
