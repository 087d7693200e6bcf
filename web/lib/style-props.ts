/**
 * Sets style properties on an element through CSSOM (`style.setProperty`),
 * never through the `style` attribute. Lit's own `styleMap` writes the
 * attribute on first render, which a Content-Security-Policy without
 * 'unsafe-inline' for styles blocks; CSSOM writes are allowed by any policy. So
 * the workbench's own templates need no inline styles, and the only reason left
 * for `style-src 'unsafe-inline'` is Plotly (see web/csp.ts).
 *
 *     html`<span class="swatch" ${styleProps({ background: colour })}></span>`
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Props = Record<string, string>;

class StyleProps extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() belongs in an element position: <span ${styleProps({...})}>');
  }

  render(_props: Props) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Props]) {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    return noChange;
  }
}

export const styleProps = directive(StyleProps);
