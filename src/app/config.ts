/**
 * `config get|set KEY [VALUE]`: read and write config.yaml (SPEC §6).
 */
import { getSetting, SETTING_KEYS } from '../settings.js';
import type { AppContext } from './context.js';

export interface ConfigEntry {
  key: string;
  value: unknown;
}

export function getConfig(ctx: AppContext, key?: string): ConfigEntry[] {
  const keys = key ? [key] : SETTING_KEYS;
  return keys.map((k) => ({ key: k, value: getSetting(ctx.settings, k) }));
}

export async function setConfig(ctx: AppContext, key: string, raw: string): Promise<ConfigEntry> {
  const { setSetting, readConfigText } = await import('../settings-file.js');
  const { settings, value } = setSetting(ctx.configPath, readConfigText(ctx.configPath), key, raw);
  ctx.settings = settings;
  return { key, value };
}
