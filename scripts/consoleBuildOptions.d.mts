import type { BuildOptions } from 'esbuild';

export declare const consoleTarget: string[];
export declare function consoleBuildOptions(entry: string): BuildOptions & { entryPoints: string[] };
