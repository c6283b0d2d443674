import type { BuildOptions } from 'esbuild';

export declare const widgetTarget: string[];
export declare function widgetBuildOptions(root: string): BuildOptions & { entryPoints: string[] };
