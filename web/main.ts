/**
 * Entry point of the workbench page. Only the shell is loaded up front; Plotly
 * and the simulation workers load when first needed so the page paints quickly.
 */
import './components/cryo-workbench/cryo-workbench.ts';
