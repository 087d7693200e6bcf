/** How a protocol's own variant is put in words, in its scenario's assumptions and in the protocol list. */
import type { OverrideWords } from '../../lib/workspace-edits.ts';
import { skinWords, tissueWords } from '../protocol-overrides/protocol-overrides.ts';

export const OVERRIDE_WORDS: OverrideWords = { tissue: tissueWords, skin: skinWords };
