// Types of build.mjs (plain JS so `npm run build:cli` needs no TypeScript loader).
export declare const OUT_DIR: string;
export declare function cliBuildIsStale(): boolean;
export declare function buildCli(options?: { ifStale?: boolean }): Promise<{ built: boolean; inputs?: number }>;
