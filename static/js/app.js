// Behaviour loaded on every page as a module script (allowed by the content security policy).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

// A radio that reveals a follow-up question (data-dcfp-reveals="<id>"): shown only while that radio is
// chosen. GOV.UK's own reveal marks radios aria-expanded, which radios may not carry, so radios use this.
for (const radio of document.querySelectorAll('input[type="radio"][data-dcfp-reveals]')) {
  const target = document.getElementById(radio.dataset.dcfpReveals)
  if (!target) continue
  const sync = () => target.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
  for (const other of document.querySelectorAll(`input[type="radio"][name="${radio.name}"]`)) {
    other.addEventListener('change', sync)
  }
  sync()
}
