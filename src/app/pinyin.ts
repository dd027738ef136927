/**
 * Toneless pinyin for grading Chinese answers typed in Latin letters (issue 5). pinyin-pro carries
 * a large dictionary (some 40 ms to load and warm up), so it is loaded only when a Latin reply
 * meets a Chinese answer.
 */
import type { ToPinyin } from '../core/grading.js';

let loaded: ToPinyin | null = null;

export async function loadPinyin(): Promise<ToPinyin> {
  if (!loaded) {
    const { pinyin } = await import('pinyin-pro');
    loaded = (s: string) => pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  }
  return loaded;
}
