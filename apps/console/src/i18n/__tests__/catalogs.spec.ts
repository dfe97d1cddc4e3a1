import { catalogs } from '../i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a catalog as [dotted key, words]. */
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (words: string) => [...words.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('console catalogs', () => {
  const english = leaves(catalogs.en);

  it.each(Object.keys(catalogs).filter((lng) => lng !== 'en'))(
    '%s has exactly the English keys, none empty, with the same placeholders',
    (lng) => {
      const other = new Map(leaves(catalogs[lng as keyof typeof catalogs]));
      expect([...other.keys()].sort()).toEqual(english.map(([key]) => key).sort());
      const empty = [...other].filter(([, words]) => !words.trim()).map(([key]) => key);
      expect(empty).toEqual([]);
      const mismatched = english
        .filter(([key, words]) => placeholders(words).join() !== placeholders(other.get(key) ?? '').join())
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    },
  );

  it('English has no empty words', () => {
    expect(english.filter(([, words]) => !words.trim()).map(([key]) => key)).toEqual([]);
  });
});
