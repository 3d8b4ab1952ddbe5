import type { FileNote } from '../model.js';
import type { ScanInput } from './scan-options.js';

export interface DiscoveredFile {
  absPath: string;
  /** cwd-relative, `/` separators */
  relPath: string;
}

// PLACEHOLDER, being written by a helper.
export async function discoverFiles(_input: ScanInput): Promise<{ files: DiscoveredFile[]; notes: FileNote[] }> {
  return { files: [], notes: [] };
}
