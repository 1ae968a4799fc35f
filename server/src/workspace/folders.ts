/** Path helpers on '/'-separated display paths (pure; no file system). */

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** The folders a file lies below, innermost first ('' is the checked folder itself). */
export function ancestorFolders(file: string): string[] {
  const out: string[] = [];
  let dir = dirOf(file);
  for (;;) {
    out.push(dir);
    if (dir === '') break;
    dir = dirOf(dir);
  }
  return out;
}

/** Number of leading folder segments two files share. */
export function sharedFolderDepth(a: string, b: string): number {
  const da = dirOf(a).split('/').filter(Boolean);
  const db = dirOf(b).split('/').filter(Boolean);
  let n = 0;
  while (n < da.length && n < db.length && da[n] === db[n]) n++;
  return n;
}

/** Normalises `a/./b/../c` style paths; keeps leading `..` segments. */
export function normalisePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export function joinPath(dir: string, rel: string): string {
  return normalisePath(dir ? `${dir}/${rel}` : rel);
}
