// Types for scripts/check-layers.mjs (plain Node, run without a TypeScript loader in `npm test`).
export declare function importsOf(text: string): { spec: string; typeOnly: boolean }[];
export declare function resolveImport(file: string, spec: string): string;
export declare function checkFile(file: string, text: string): string[];
export declare function checkTree(root: string): string[];
export declare function circlesOf(texts: Map<string, string>): string[][];
