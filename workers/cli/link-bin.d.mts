// Types of link-bin.mjs (plain JS so `npm run link:cli` needs no TypeScript loader).
export declare const LINK_TARGET: string;
export declare const LINK_PATH: string;
export declare function linkCli(): 'kept' | 'linked' | 'relinked';
