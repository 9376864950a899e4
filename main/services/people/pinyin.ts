import { pinyin } from 'pinyin-pro';

/** Full pinyin (no tones, no spaces) and initials of a name, for sorting and "zs" → 张三 search. */
export function namePinyin(name: string): { full: string; initials: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head', v: true } as const;
  const syllables = pinyin(name, options);
  const initials = pinyin(name, { ...options, pattern: 'first' });
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return { full: clean(syllables), initials: clean(initials) };
}
