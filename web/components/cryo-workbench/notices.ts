/**
 * The shell's messages (errors and notes, each dismissable) and the one Undo
 * they can offer: the workspace from before a file or link replaced it, until
 * the next change.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Issue } from '../../../scenarios/schema.ts';
import { clip } from '../../lib/text.ts';
import type { Workspace } from '../../lib/workspace.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  issues?: Issue[];
}

/** Names and file names in notices and lists: enough to recognise, never a wall of text. */
export const NAME_CHARS = 120;
/** A hostile file can carry thousands of problems; the editor shows each beside its field. */
const MAX_LISTED_ISSUES = 30;

interface UndoPoint {
  noticeId: number;
  before: Workspace;
  after: Workspace;
}

type Host = ReactiveControllerHost & { ws: Workspace; setWs(ws: Workspace): void };

export class NoticesController implements ReactiveController {
  notices: Notice[] = [];
  private lastId = 0;
  private undoPoint: UndoPoint | null = null;

  constructor(private host: Host) {
    host.addController(this);
  }

  hostConnected(): void {}

  notify(kind: Notice['kind'], text: string, issues?: Issue[]) {
    this.notices = [...this.notices, { id: ++this.lastId, kind, text, issues }];
    this.host.requestUpdate();
  }

  dismiss(id: number) {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.host.requestUpdate();
  }

  /** Offers `before` back from the latest notice while the workspace is still `after`. */
  offerUndo(before: Workspace, after: Workspace) {
    this.undoPoint = { noticeId: this.lastId, before, after };
  }

  /** Puts back the workspace from before the last file or link, if nothing changed since. */
  undo() {
    const u = this.undoPoint;
    if (!u || u.after !== this.host.ws) return;
    this.undoPoint = null;
    this.host.setWs(u.before);
    this.dismiss(u.noticeId);
    this.notify('info', 'Your previous workspace is back.');
  }

  render() {
    return html`<div class="notices" aria-live="polite">
      ${this.notices.map(
        (n) => html`<div class="notice ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'}>
          <div class="text">
            ${n.text}
            ${n.issues?.length
              ? html`<ul>${n.issues.slice(0, MAX_LISTED_ISSUES).map((i) => html`<li><code>${clip(i.path, NAME_CHARS)}</code>: ${clip(i.message, 400)}</li>`)}
                  ${n.issues.length > MAX_LISTED_ISSUES ? html`<li>… and ${n.issues.length - MAX_LISTED_ISSUES} more (see the editor)</li>` : nothing}</ul>`
              : nothing}
          </div>
          ${this.undoPoint?.noticeId === n.id && this.undoPoint.after === this.host.ws
            ? html`<button class="undo" @click=${() => this.undo()}>Undo</button>`
            : nothing}
          <button @click=${() => this.dismiss(n.id)} aria-label="Dismiss message">✕</button>
        </div>`,
      )}
    </div>`;
  }
}
