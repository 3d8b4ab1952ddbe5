// ts-morph for the analyzer, loaded with `require`: an ESM `import` of this CommonJS package first
// lexes its 1 MB entry for export names (~75 ms a scan). Loaded only with the analyzer (engine/analyse-sources.ts
// and what it imports), never by `--help` or a scan with nothing to parse.
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

export const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const Node = tsMorph.Node;
export type Node<T extends TsMorph.ts.Node = TsMorph.ts.Node> = TsMorph.Node<T>;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const ScriptKind = tsMorph.ScriptKind;
export type ScriptKind = TsMorph.ScriptKind;
export const ScriptTarget = tsMorph.ScriptTarget;
export type ScriptTarget = TsMorph.ScriptTarget;
export const VariableDeclarationKind = tsMorph.VariableDeclarationKind;
export type VariableDeclarationKind = TsMorph.VariableDeclarationKind;
/** the TypeScript compiler ts-morph bundles; its types are `import type { ts } from 'ts-morph'` */
export const tsc = tsMorph.ts;

/**
 * An in-memory project that reads nothing from disk, resolves no dependency and loads none of
 * TypeScript's libraries, for modern module syntax; `options` add to or override the compiler options.
 */
export function memoryProject(options: TsMorph.CompilerOptions): TsMorph.Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: {
      noLib: true,
      strict: true,
      jsx: tsc.JsxEmit.Preserve,
      module: tsc.ModuleKind.ESNext,
      moduleResolution: tsc.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      ...options,
    },
  });
}
