/**
 * Pinned results: pin the selected protocol's result under a name, then tick
 * which pins the charts and the verdict table show beside the latest runs —
 * how a teaching lab keeps "perfusion off" on screen while running "perfusion
 * on". The workbench owns the pins (in the workspace save); this reports
 * requests as events: pin-add {name}, pin-toggle {id, shown}, pin-remove {id}.
 */
import { html, LitElement, nothing } from 'lit';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styleProps } from '../../lib/style-props.ts';
import { clip } from '../../lib/text.ts';
import type { Pin } from '../../lib/pins.ts';
import { styles } from './pinned-results.styles.ts';

export class PinnedResults extends LitElement {
  static override properties = {
    pins: { attribute: false },
    colours: { attribute: false },
    runLabel: { attribute: 'run-label' },
    suggestedName: { attribute: 'suggested-name' },
    name: { state: true },
  };
  static override styles = [sharedStyles, styles];

  pins: Pin[] = [];
  /** chart colour of each pin, by pin id */
  colours: Record<string, string> = {};
  /** label of the result that would be pinned ('' when there is none) */
  runLabel = '';
  suggestedName = '';
  name = '';

  private emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private submit(e: Event) {
    e.preventDefault();
    this.emit('pin-add', { name: this.name || this.suggestedName });
    this.name = '';
  }

  override render() {
    return html`<section aria-labelledby="pins-title">
      <h2 id="pins-title">Pinned results</h2>
      <form @submit=${this.submit}>
        <label class="sr-only" for="pin-name">Name for the pinned result</label>
        <input id="pin-name" type="text" maxlength="120" .value=${this.name} placeholder=${this.suggestedName || 'name'}
          ?disabled=${!this.runLabel} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <button id="pin-add" type="submit" ?disabled=${!this.runLabel}>Pin ${this.runLabel ? clip(this.runLabel, 60) : 'a result'}</button>
      </form>
      ${this.pins.length
        ? html`<ul>
            ${this.pins.map(
              (p) => html`<li data-pin=${p.id}>
                <label
                  ><input type="checkbox" .checked=${p.shown} @change=${(e: Event) => this.emit('pin-toggle', { id: p.id, shown: (e.target as HTMLInputElement).checked })} />
                  <span class="swatch" ${styleProps({ background: this.colours[p.id] ?? '#999' })} aria-hidden="true"></span>
                  ${clip(p.name, 120)}</label
                >
                <small>from ${clip(p.from_id, 60)}${p.pinned_at ? `, ${new Date(p.pinned_at).toLocaleString()}` : ''} · grid ${p.result.solver?.spacing_mm ?? '?'} mm</small>
                <button @click=${() => this.emit('pin-remove', { id: p.id })} aria-label="Remove pinned result ${clip(p.name, 120)}">Remove</button>
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">
            ${this.runLabel
              ? 'Pin a result to keep it on the charts while you change the setup and run again (e.g. perfusion off, then on).'
              : 'Run a protocol, then pin its result to compare later runs with it.'}
          </p>`}
      ${nothing}
    </section>`;
  }
}

customElements.define('pinned-results', PinnedResults);

declare global {
  interface HTMLElementTagNameMap {
    'pinned-results': PinnedResults;
  }
}
