// Where the starter files are: they ship as TypeScript source in the package (package.json
// "files"), under src/advisor/snippets/, next to dist/ whichever file this code runs from.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function snippetFolder(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'advisor', 'snippets')))
      return join(dir, 'src', 'advisor', 'snippets');
    if (dirname(dir) === dir)
      throw new Error('the starter files are missing from this installation (src/advisor/snippets)');
  }
}
