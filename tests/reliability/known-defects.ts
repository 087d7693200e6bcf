/**
 * Defects the properties found in files this suite may not change, each as a check of the
 * correct behaviour that throws while the defect is present. The tests run them as
 * `it.fails` (so they pass today and fail, asking to be flipped to `it`, once fixed); the
 * report says for each whether it still reproduces.
 */
import { expect } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { publishedProcedure } from '../../web/lib/builtins.ts';
import { parseUrlParams, toBase64Url } from '../../web/lib/url-params.ts';
import { anatomyOf, placeProcedure, procedureOf } from '../../web/lib/workspace.ts';

export interface KnownDefect {
  file: string;
  title: string;
  input: string;
  /** Throws while the defect is present. */
  check(): void;
}

export const KNOWN_DEFECTS: KnownDefect[] = [
  {
    file: 'web/lib/url-params.ts',
    title: 'link parameters named like Object.prototype members (constructor, toString, __proto__) are ignored without a message',
    input: '?constructor=1&toString=2&__proto__=3&scenario_=4',
    check() {
      // parseUrlParams tests `name in URL_SCHEMA`, which is true for inherited names.
      const { issues } = parseUrlParams(this.input);
      expect(issues.map((i) => i.path).sort()).toEqual(['link.__proto__', 'link.constructor', 'link.scenario_', 'link.toString']);
    },
  },
  {
    file: 'web/lib/workspace.ts',
    title: 'a share link whose geometry.size_mm is not an array throws while the page places the protocols on its anatomy',
    input: '?scenario=' + toBase64Url(JSON.stringify({ schema: 'cryo-scenario/1', name: 'x', nerve: { center_mm: [0, 0, 20] }, geometry: { size_mm: 5 } })),
    check() {
      // What applyLink (web/components/cryo-workbench) does with the decoded file whatever the
      // validator says: anatomyOf, then publishedProcedure / placeProcedure for every protocol.
      // moveProbes calls `anatomy.geometry?.size_mm?.at(-1)`: "size_mm.at is not a function".
      const { values } = parseUrlParams(this.input);
      const anatomy = anatomyOf(values.scenario as ScenarioFile, 'from link');
      expect(() => publishedProcedure('yoon-2016', anatomy)).not.toThrow();
      const yoon = BUILTIN_SCENARIOS['yoon-2016'];
      expect(() => placeProcedure(procedureOf(yoon), yoon, anatomy)).not.toThrow();
    },
  },
];
