/** The hash of everything `npm run build` reads under `root`. */
export function buildInputsHash(root: string): string;
/** Where the build stores that hash, relative to the project root. */
export const STAMP: string;
