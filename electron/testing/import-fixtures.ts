import type { ImportEnv } from '../core/import/import-env';

/** An ImportEnv over an in-memory folder tree: paths to text. */
export function memoryEnv(files: Record<string, string>): ImportEnv {
  return {
    home: '/home/ops',
    user: 'ops',
    readFile: (path) => {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`${path}: no such file`))
        : Promise.resolve(text);
    },
    listDir: (dir) =>
      Promise.resolve(
        Object.keys(files)
          .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
          .map((p) => p.slice(dir.length + 1)),
      ),
  };
}
