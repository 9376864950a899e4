import { pinyin } from 'pinyin-pro';

/** Names repeat (an import of 50 000 people holds a few thousand distinct ones): each is converted once. */
const memo = new Map<string, { full: string; initials: string }>();
const MEMO_MAX = 100_000;

/** Full pinyin (no tones, no spaces) and initials of a name, for sorting and "zs" → 张三 search. */
export function namePinyin(name: string): { full: string; initials: string } {
  const known = memo.get(name);
  if (known) return known;
  const options = { toneType: 'none', type: 'array', surname: 'head', v: true } as const;
  const syllables = pinyin(name, options);
  const initials = pinyin(name, { ...options, pattern: 'first' });
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const result = { full: clean(syllables), initials: clean(initials) };
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(name, result);
  return result;
}
