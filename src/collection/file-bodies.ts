// Files a collection's requests send as their body (v2.1 `mode: file`, form-data fields of type file;
// a v3 collection's file bodies arrive here converted) must lie inside the collection's directory: the
// run refuses, in one line, a path that leaves it, symbolic links resolved. Newman enforces the same
// at run time (`workingDir` + `insecureFileRead: false`); this check names the request before anything is sent.
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isObject } from '../shared/text';

interface FileRef {
  /** The request, as `Folder / Name`. */
  request: string;
  src: string;
}

/** Every file path a request body names, in collection order. */
export function fileBodies(items: readonly unknown[], names: readonly string[] = []): FileRef[] {
  const out: FileRef[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const path = [...names, typeof item.name === 'string' ? item.name : ''];
    if (Array.isArray(item.item)) {
      out.push(...fileBodies(item.item, path));
      continue;
    }
    const body = isObject(item.request) ? item.request.body : undefined;
    if (!isObject(body)) continue;
    const srcs: unknown[] = [];
    if (body.mode === 'file' && isObject(body.file)) srcs.push(body.file.src);
    if (body.mode === 'formdata' && Array.isArray(body.formdata)) {
      for (const field of body.formdata) if (isObject(field) && field.type === 'file' && !field.disabled) srcs.push(...(Array.isArray(field.src) ? field.src : [field.src]));
    }
    for (const src of srcs) if (typeof src === 'string' && src !== '') out.push({ request: path.join(' / '), src });
  }
  return out;
}

const inside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The path with every symbolic link resolved, or as given when it does not exist (Newman then reports it missing). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The one line refusing the first body file outside `dir` (the collection's directory; undefined for a
 * collection loaded from a URL, which may read none), or undefined when every file is inside.
 * @example fileBodyProblem(json.item, '/work/postman/collections/Partner') // 'request "Upload" reads the file /etc/hostname ...'
 */
export function fileBodyProblem(items: readonly unknown[], dir: string | undefined): string | undefined {
  for (const { request, src } of fileBodies(items)) {
    if (dir === undefined) return `request ${JSON.stringify(request)} reads the file ${src} for its body, but a collection loaded from a URL has no directory to read files from: save the collection and its files, and run it from there`;
    const path = resolve(dir, src);
    const target = real(path);
    if (!inside(path, dir) || !inside(target, real(dir))) {
      const link = target !== path && inside(path, dir) ? ` (a link to ${target})` : '';
      return `request ${JSON.stringify(request)} reads the file ${src}${link} for its body, outside the collection's directory ${dir}: a run reads files only inside it (put the file there and give its path relative to it)`;
    }
  }
  return undefined;
}

/**
 * The directory a collection's body files are read from: a v3 collection's root, a JSON file's
 * directory; undefined for a collection loaded from a URL.
 */
export function collectionDir(source: string, isDirectory: boolean, cwd: string): string | undefined {
  if (/^https?:\/\//i.test(source)) return undefined;
  const path = resolve(cwd, source);
  return isDirectory ? path : dirname(path);
}

/**
 * Newman's working directory for a collection without one (loaded from a URL): a path that does not
 * exist, so no file can be read whatever a script asks for (Newman resolves every path inside it).
 */
export const NO_FILES_DIR: string = join(tmpdir(), `myvalue-no-files-${randomUUID()}`);
