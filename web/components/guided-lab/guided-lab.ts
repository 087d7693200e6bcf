/**
 * The guided lab in the side bar: ready contrasts (web/lib/lab.ts), each with
 * its question; "Set up" asks the workbench (event `lab-setup`, detail: the
 * contrast id) to add and tick the pair, and the contrast then shows what to
 * look for once both have run.
 */
import { html, LitElement, nothing } from 'lit';
import { LAB_CONTRASTS } from '../../lib/lab.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styles } from './guided-lab.styles.ts';

export class GuidedLab extends LitElement {
  static override properties = {
    active: { attribute: 'active' },
    explained: { state: true },
  };
  static override styles = [sharedStyles, styles];

  /** the contrast set up last ('' for none) */
  active = '';
  /** the contrast whose explanation is open before it is set up ('' for none) */
  explained = '';

  override render() {
    return html`<details ?open=${!!this.active}>
      <summary>Guided lab: ready contrasts</summary>
      <ol>
        ${LAB_CONTRASTS.map(
          (c) => html`<li data-lab=${c.id}>
            <b>${c.title}</b>
            <p class="q">${c.question}</p>
            <button id="lab-${c.id}" @click=${() => this.dispatchEvent(new CustomEvent('lab-setup', { detail: c.id, bubbles: true, composed: true }))}>
              ${this.active === c.id ? 'Set up again' : 'Set up'}
            </button>
            ${this.active === c.id
              ? html`<p class="look" role="status"><b>Run the comparison, then look:</b> ${c.lookFor}</p>`
              : html`<button class="why" aria-expanded=${this.explained === c.id ? 'true' : 'false'} aria-controls="why-${c.id}"
                    @click=${() => (this.explained = this.explained === c.id ? '' : c.id)}>What to look for</button>
                  ${this.explained === c.id ? html`<p class="look" id="why-${c.id}">${c.lookFor}</p>` : nothing}`}
          </li>`,
        )}
      </ol>
    </details>`;
  }
}

customElements.define('guided-lab', GuidedLab);

declare global {
  interface HTMLElementTagNameMap {
    'guided-lab': GuidedLab;
  }
}
