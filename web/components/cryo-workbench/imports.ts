/**
 * Opening files: a scenario file becomes a new protocol whose anatomy the others
 * then share; a whole-workspace file (or link) replaces the workspace while this
 * browser's own protocols and pins are kept beside it (web/lib/workspace-merge.ts).
 * Files come from other people: import.ts and workspace-file.ts decide whether a
 * file is usable before anything changes, a refused one leaves the workspace as it
 * was and says why, and an accepted one can be undone from its notice until the
 * next edit.
 */
import type { ReactiveController } from 'lit';
import { validateScenario } from '../../../scenarios/validate.ts';
import { readScenarioText, sizeProblem } from '../../lib/import.ts';
import { saveWorkspaceJson } from '../../lib/storage.ts';
import { clip } from '../../lib/text.ts';
import { addImportedScenario, importWorkspace } from '../../lib/workspace-merge.ts';
import { claimsWorkspace, MAX_WORKSPACE_BYTES, readWorkspaceValue } from '../../lib/workspace-file.ts';
import { NAME_CHARS } from './notices.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

export class ImportController implements ReactiveController {
  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostConnected(): void {}

  upload = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (f) await this.importFile(f);
  };

  /** Opens a scenario or whole-workspace file; refused files change nothing and say why. */
  async importFile(f: File) {
    const name = clip(f.name, NAME_CHARS);
    const refuse = (reason: string) => this.host.messages.notify('error', `${name} was not loaded: it ${reason}. Nothing in your workspace was changed.`);
    // Read whole into memory, so the size is checked first; only a workspace file may pass the scenario limit.
    if (f.size > MAX_WORKSPACE_BYTES) return refuse(`${sizeProblem(f.size)}, and more than the ${MAX_WORKSPACE_BYTES / 1e6} MB a whole-workspace file can hold`);
    let text: string;
    try {
      text = await f.text();
    } catch (err) {
      return refuse(`could not be read (${(err as Error).message})`);
    }
    const workspace = parsedWorkspace(text);
    if (workspace !== undefined) return this.acceptWorkspace(workspace, name);
    const read = readScenarioText(text, f.size);
    if (!read.ok) return refuse(read.reason);
    const file = read.file;
    const notify = this.host.messages.notify.bind(this.host.messages);
    for (const note of read.notes) notify('info', `${name} was migrated: ${note}.`);
    const check = validateScenario(file);
    if (!check.ok) notify('error', `${name} has problems; it is loaded so you can fix them:`, check.issues);
    const before = this.host.ws;
    this.host.setWs(addImportedScenario(before, file, clip(String(file.name ?? f.name), NAME_CHARS)).ws);
    notify('info', `Loaded ${name}. Its anatomy is now shared by every protocol; the others keep their probe placement relative to the nerve.`);
    this.host.messages.offerUndo(before, this.host.ws);
  }

  /**
   * A parsed `cryo-workspace/*` value from a file (its name) or a link (null): refused with
   * the reason, or taken in — saved at once, so a workspace this browser cannot keep is refused
   * now rather than lost at the next reload — with the old workspace offered back.
   */
  acceptWorkspace(value: unknown, fileName: string | null) {
    const notify = this.host.messages.notify.bind(this.host.messages);
    const subject = fileName ?? "The link's workspace";
    const refuse = (reason: string) => notify('error', `${subject} was not loaded: it ${reason}. Nothing in your workspace was changed.`);
    const read = readWorkspaceValue(value);
    if (!read.ok) return refuse(read.reason);
    const merged = importWorkspace(this.host.ws, read.ws);
    if (!merged.ok) return refuse(merged.reason);
    const saved = saveWorkspaceJson(merged.ws);
    if (!saved.ok) return refuse(`cannot be kept in this browser (${saved.message})`);
    for (const note of read.notes) notify('info', `${subject}: ${note}.`);
    const before = this.host.ws;
    this.host.setWs(merged.ws);
    const ws = merged.ws;
    const kept = merged.kept.length
      ? ` Your own ${merged.kept.length} protocol${merged.kept.length > 1 ? 's were' : ' was'} kept beside them, unticked: ${merged.kept.map((p) => clip(p.procedure.name, NAME_CHARS)).join('; ')}.`
      : '';
    const keptPins = merged.keptPins ? ` Your ${merged.keptPins} pinned result${merged.keptPins > 1 ? 's were' : ' was'} kept too.` : '';
    notify(
      'info',
      `Opened the workspace from ${fileName ?? 'the link'}: ${ws.protocols.length} protocols on “${clip(ws.anatomy.label, NAME_CHARS)}”${ws.pins?.length ? `, ${ws.pins.length} pinned result${ws.pins.length > 1 ? 's' : ''}` : ''}.${kept}${keptPins}`,
    );
    this.host.messages.offerUndo(before, this.host.ws);
  }
}

/** The parsed value when the text is a JSON object calling itself a workspace file; undefined otherwise. */
function parsedWorkspace(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^\s*\{/.test(body) || !body.includes('cryo-workspace/')) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return claimsWorkspace(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
