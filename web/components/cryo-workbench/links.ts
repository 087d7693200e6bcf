/**
 * Share links, both ways. Opening: a link's scenario replaces the anatomy and the
 * selected protocol but keeps the user's own protocols (web/lib/workspace-merge.ts);
 * a link's whole workspace goes through the same import as a workspace file. The
 * link is then dropped from the address bar, so a reload keeps later edits.
 * Making: the selected scenario in the CLI format, or the whole workspace packed.
 *
 * Parameters travel in the fragment (#scenario=…): browsers never send it to the
 * server, so a long scenario cannot hit a server's header limit (Node answers 431
 * above 16 kB, nginx 414 above 8 kB) and stays out of logs and Referer headers.
 * Links made before that used the query string (?scenario=…) and still open.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { validateScenario } from '../../../scenarios/validate.ts';
import { readScenarioValue } from '../../lib/import.ts';
import { clip } from '../../lib/text.ts';
import { buildQuery, parseUrlParams, URL_SCHEMA } from '../../lib/url-params.ts';
import { comparedIds, protocolEntry } from '../../lib/workspace-edits.ts';
import { mergeLinkedScenario } from '../../lib/workspace-merge.ts';
import { MAX_LINK_CHARS, packWorkspace, unpackWorkspace, workspaceFile } from '../../lib/workspace-file.ts';
import type { Workspace } from '../../lib/workspace.ts';
import { NAME_CHARS } from './notices.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

/** Past this, e-mail programs are known to wrap or truncate links. */
const LONG_LINK_CHARS = 8000;

export class LinkController implements ReactiveController {
  shareUrl = '';
  /** a workspace link read at start-up, unpacked once the page is connected */
  private pendingWorkspace = '';

  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
    if (this.pendingWorkspace) void this.openWorkspaceLink(this.pendingWorkspace);
    this.pendingWorkspace = '';
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** A share link pasted into this tab's address bar changes only the fragment: no reload, so apply it here. */
  private onHashChange = () => {
    const next = this.applyLink(this.host.ws);
    if (next !== this.host.ws) this.host.setWs(next);
    if (this.pendingWorkspace) void this.openWorkspaceLink(this.pendingWorkspace);
    this.pendingWorkspace = '';
  };

  /** Takes the address bar's link into `ws` (a workspace link is only noted here: unpacking is asynchronous). */
  applyLink(ws: Workspace): Workspace {
    if (typeof location === 'undefined') return ws;
    const notify = this.host.messages.notify.bind(this.host.messages);
    // A fragment naming any link parameter is a link, even a broken one (it then gets its messages).
    const fromHash = [...new URLSearchParams(location.hash.slice(1)).keys()].some((k) => Object.hasOwn(URL_SCHEMA, k));
    const link = fromHash ? location.hash.slice(1) : location.search;
    if (!link || link === '?') return ws;
    const { values, present, issues } = parseUrlParams(link);
    const forget = () => history.replaceState(history.state, '', location.pathname + (fromHash ? '' : location.hash));
    if (issues.length) notify('error', 'Some parts of the link could not be used:', issues);
    if (values.workspace) {
      if (values.scenario) notify('error', 'The link carries both a whole workspace and a scenario; only the workspace is opened.');
      this.pendingWorkspace = values.workspace;
      forget();
      return ws;
    }
    let next = ws;
    let undoable = false;
    const read = values.scenario ? readScenarioValue(values.scenario) : null;
    if (read && !read.ok) {
      // Nothing of such a link is used (its margins belong to a scenario we could not read).
      notify('error', `The link's scenario was not loaded: it ${read.reason}. Your workspace is unchanged.`);
      forget();
      return ws;
    }
    if (read?.ok) {
      const file = read.file;
      for (const note of read.notes) notify('info', `The link's scenario was migrated: ${note}.`);
      const check = validateScenario(file);
      if (!check.ok) notify('error', 'The shared scenario has problems; it is loaded so you can fix them in the editor:', check.issues);
      const merged = mergeLinkedScenario(ws, file, values.id[0] ?? '', values.compare);
      const kept = merged.keptCopies;
      if (kept.length) notify('info', `Your edits to ${kept.length} built-in protocol(s) were kept as copies: ${kept.map((c) => c.procedure.name).join('; ')}.`);
      if (merged.unknown.length) notify('error', `The link names protocols this version does not have: ${merged.unknown.join(', ')}`);
      next = merged.ws;
      notify('info', `Loaded “${clip(String(file.name), NAME_CHARS)}” from the link. It replaced the shared anatomy.`);
      undoable = true;
    }
    if (present.has('margin_mm')) next = { ...next, margins: { ...next.margins, skin_margin_mm: values.margin_mm } };
    if (present.has('target_c')) next = { ...next, margins: { ...next.margins, nerve_target_c: values.target_c } };
    forget();
    if (undoable) this.host.messages.offerUndo(ws, next);
    return next;
  }

  private async openWorkspaceLink(packed: string) {
    const unpacked = await unpackWorkspace(packed);
    if (!unpacked.ok) return this.host.messages.notify('error', `The link's workspace was not loaded: it ${unpacked.reason}. Your workspace is unchanged.`);
    this.host.imports.acceptWorkspace(unpacked.value, null);
  }

  /** The selected scenario in the CLI format, with the built-ins compared with it and the margins. */
  buildShareUrl(): string {
    const ws = this.host.ws;
    const q = buildQuery({
      scenario: this.host.scenarioOf(ws.selected),
      id: [ws.selected],
      compare: comparedIds(ws).filter((id) => id !== ws.selected && protocolEntry(ws, id)?.origin === 'builtin'),
      margin_mm: ws.margins.skin_margin_mm,
      target_c: ws.margins.nerve_target_c,
    });
    return `${location.origin}${location.pathname}#${q}`;
  }

  /** The whole workspace packed into a link; with the pins when they fit, and whether they did. */
  async buildWorkspaceUrl(): Promise<{ url: string; pins: boolean }> {
    const at = (packed: string) => `${location.origin}${location.pathname}#${buildQuery({ workspace: packed })}`;
    const hasPins = !!this.host.ws.pins?.length;
    if (hasPins) {
      const url = at(await packWorkspace(workspaceFile(this.host.ws, { pins: true })));
      if (url.length <= MAX_LINK_CHARS) return { url, pins: true };
    }
    return { url: at(await packWorkspace(workspaceFile(this.host.ws, { pins: false }))), pins: false };
  }

  async share() {
    await this.offer(this.buildShareUrl(), 'This scenario', 'It carries the selected scenario and the built-in protocols compared with it.', 'Download ▸ Selected scenario');
  }

  async shareWorkspace() {
    const { url, pins } = await this.buildWorkspaceUrl();
    const what = `It carries every protocol (with its own variant), the anatomy and the margins${pins ? ' and the pinned results' : ''}.`;
    if (!pins && this.host.ws.pins?.length) this.host.messages.notify('info', 'The pinned results are too large for a link and were left out; Download ▸ Whole workspace with pinned results carries them.');
    await this.offer(url, 'This workspace', what, 'Download ▸ Whole workspace');
  }

  private async offer(url: string, noun: string, what: string, fileRoute: string) {
    const notify = this.host.messages.notify.bind(this.host.messages);
    if (url.length > MAX_LINK_CHARS) {
      this.setUrl('');
      return notify('error', `${noun} is too long for a link (browsers stop at about ${MAX_LINK_CHARS / 1e6} million characters); use ${fileRoute} and send the file.`);
    }
    this.setUrl(url);
    if (url.length > LONG_LINK_CHARS) {
      notify('info', `The link is ${Math.round(url.length / 1000)} thousand characters long; some e-mail programs cut long links, so sending the downloaded file (${fileRoute}) is safer.`);
    }
    try {
      await navigator.clipboard.writeText(url);
      notify('info', `Share link copied to the clipboard. ${what}`);
    } catch {
      notify('info', `Share link created below the protocol list; copy it from there. ${what}`);
    }
  }

  private setUrl(url: string) {
    this.shareUrl = url;
    this.host.requestUpdate();
  }

  render() {
    return this.shareUrl
      ? html`<div class="share">
          <label for="share-url">Link</label>
          <input id="share-url" type="text" readonly .value=${this.shareUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        </div>`
      : nothing;
  }
}
